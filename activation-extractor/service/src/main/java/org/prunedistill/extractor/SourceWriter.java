package org.prunedistill.extractor;

import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.NpyArray;
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
    private final List<ObjectRef> batches = new ArrayList<>();
    private int conditions;

    SourceWriter(SourceRef source, int batchCount, ObjectStore store, EventPublisher publisher) {
        this.source = source;
        this.batchCount = batchCount;
        this.store = store;
        this.publisher = publisher;
    }

    /** Publishes the next batch: a {@code [conditions, trials, units]} tensor of consecutive conditions. */
    void write(int firstCondition, NpyArray tensor) {
        if (firstCondition != conditions) {
            throw new IllegalStateException("batches of " + source.getName() + " must be written in condition order");
        }
        ObjectRef ref = store.putTensor(tensor);
        ActivationBatch.Builder batch = ActivationBatch.newBuilder()
                .setSource(source)
                .setBatchIndex(batches.size())
                .setBatchCount(batchCount)
                .setTensor(ref);
        for (int c = 0; c < tensor.dimension(0); c++) {
            batch.addConditionIndices(firstCondition + c);
        }
        publisher.publish(batch.build());
        batches.add(ref);
        conditions += tensor.dimension(0);
    }

    /** Publishes the manifest once every batch is out; {@code unitFeatures} may be null (unknown). */
    void finish(int trials, int units, ObjectRef stimulusMetadata, Provenance provenance, UnitFeatures unitFeatures) {
        if (batches.size() != batchCount) {
            throw new IllegalStateException(source.getName() + ": " + batches.size() + " batches written, "
                    + batchCount + " announced");
        }
        SourceManifest.Builder manifest = SourceManifest.newBuilder()
                .setSource(source)
                .addAllBatches(batches)
                .addTotalShape(conditions).addTotalShape(trials).addTotalShape(units)
                .setStimulusMetadata(stimulusMetadata)
                .setProvenance(provenance);
        if (unitFeatures != null) {
            manifest.setUnitFeatures(unitFeatures);
        }
        publisher.publish(manifest.build());
    }

    SourceRef source() {
        return source;
    }
}
