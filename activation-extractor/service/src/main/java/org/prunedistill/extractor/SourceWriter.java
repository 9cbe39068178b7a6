package org.prunedistill.extractor;

import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.UnitFeatures;
import org.prunedistill.extractor.messaging.EventPublisher;

/**
 * Streams one source out: each batch tensor goes to the object store and its claim to Kafka as soon as it is
 * computed; {@link #finish} publishes the manifest. Only the claims are kept, never the tensors.
 */
final class SourceWriter {

    private final SourceRef source;
    private final int batchCount;
    private final ObjectStore store;
    private final EventPublisher publisher;
    private final List<ActivationBatch> batches = new ArrayList<>();
    private int conditions;

    SourceWriter(SourceRef source, int batchCount, ObjectStore store, EventPublisher publisher) {
        this.source = source;
        this.batchCount = batchCount;
        this.store = store;
        this.publisher = publisher;
    }

    /** Publishes the next batch: a {@code [conditions, trials, units]} tensor of consecutive conditions. */
    void write(int firstCondition, FloatTensor tensor) {
        publish(firstCondition, store(tensor));
    }

    /**
     * Stores a batch tensor without announcing it (the first half of {@link #write}); it touches no state of this
     * writer, so the writers of several layers may store at once.
     */
    ObjectRef store(FloatTensor tensor) {
        return store.putTensor(tensor);
    }

    /**
     * Announces the next batch, stored by {@link #store} (the second half of {@link #write}): its claim goes to Kafka,
     * covering the tensor's first dimension of consecutive conditions from {@code firstCondition}.
     */
    void publish(int firstCondition, ObjectRef stored) {
        if (firstCondition != conditions) {
            throw new IllegalStateException("batches of " + source.getName() + " must be written in condition order");
        }
        int count = Math.toIntExact(stored.getShape(0));
        ActivationBatch.Builder event = ActivationBatch.newBuilder()
                .setSource(source)
                .setBatchIndex(batches.size())
                .setBatchCount(batchCount)
                .setTensor(stored);
        for (int c = 0; c < count; c++) {
            event.addConditionIndices(firstCondition + c);
        }
        ActivationBatch batch = event.build();
        publisher.publish(batch);
        batches.add(batch);
        conditions += count;
    }

    /**
     * Publishes the manifest once every batch is out; {@code unitFeatures} may be null (unknown).
     *
     * @return what was published, for the extraction cache
     */
    ExtractionCache.Entry finish(int trials, int units, ObjectRef stimulusMetadata, Provenance provenance,
                                 UnitFeatures unitFeatures) {
        return finish(trials, units, stimulusMetadata, provenance, unitFeatures, 0);
    }

    /** The same for a recorded area compared with the run's other areas at {@code commonUnits} units (0 = all). */
    ExtractionCache.Entry finish(int trials, int units, ObjectRef stimulusMetadata, Provenance provenance,
                                 UnitFeatures unitFeatures, int commonUnits) {
        if (batches.size() != batchCount) {
            throw new IllegalStateException(source.getName() + ": " + batches.size() + " batches written, "
                    + batchCount + " announced");
        }
        SourceManifest.Builder manifest = SourceManifest.newBuilder()
                .setSource(source)
                .addAllBatches(batches.stream().map(ActivationBatch::getTensor).toList())
                .addTotalShape(conditions).addTotalShape(trials).addTotalShape(units)
                .setStimulusMetadata(stimulusMetadata)
                .setProvenance(provenance)
                .setCommonUnits(commonUnits);
        if (unitFeatures != null) {
            manifest.setUnitFeatures(unitFeatures);
        }
        SourceManifest published = manifest.build();
        publisher.publish(published);
        return new ExtractionCache.Entry(List.copyOf(batches), published);
    }

    /**
     * Publishes a source an earlier run extracted under the same provenance key as this run's {@code source}: the same
     * claims, with this run's source reference; the provenance names the run the tensors come from.
     */
    static SourceRef republish(ExtractionCache.Entry entry, SourceRef source, EventPublisher publisher) {
        for (ActivationBatch batch : entry.batches()) {
            publisher.publish(batch.toBuilder().setSource(source).build());
        }
        SourceManifest earlier = entry.manifest();
        publisher.publish(earlier.toBuilder().setSource(source)
                .setProvenance(earlier.getProvenance().toBuilder()
                        .putDetails("extraction_reused_from_run", earlier.getSource().getRunId()))
                .build());
        return source;
    }

    SourceRef source() {
        return source;
    }
}
