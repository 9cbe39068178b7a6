package org.prunedistill.messaging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.RetryPolicy;
import org.prunedistill.claimcheck.SourceAssembler;
import org.prunedistill.claimcheck.SpilledSource;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunProgress;
import org.prunedistill.events.v1.RunWarning;
import org.prunedistill.events.v1.SourceFailed;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;

/**
 * The consuming side of the claim check, shared by every analysis service: checks each activation event, notes
 * batches, and on a source's manifest redeems its batches, runs the analysis and publishes the results.
 *
 * <p>Policy for bad input: a record that cannot be processed throws {@link PoisonEventException}, so the caller
 * dead-letters it, and fails the run it belongs to ({@link DeadLetters}: a {@code RunFailed} event saying what was
 * wrong and where): an event that can never be processed (undecodable, inconsistent, mis-keyed), a manifest whose
 * objects are missing or corrupt or whose data the analysis refuses (then also a {@code SourceFailed} naming the
 * source and the cause; the manifest can be replayed once fixed), and anything the analysis throws, an {@link Error}
 * such as {@code OutOfMemoryError} included: the consumer goes on with the next record. A duplicated or out-of-order
 * batch publishes a warning and changes nothing: the manifest, not the arrival order, defines the source. What an
 * analysis's results cannot show by the source's design ({@link SourceAnalysis#cautions}) is published as a warning
 * after the results. The store being unreachable is retried with backoff by the store itself
 * ({@link ObjectStore#withRetry}), for as long as its {@link RetryPolicy} allows.
 * Results are keyed, so processing a manifest twice overwrites, never duplicates.
 *
 * <p>Memory: a source is spilled batch by batch into a temporary file in the spill directory ({@link SpilledSource})
 * and the analysis reads it a block of units at a time, so the heap holds one batch and one block, never the whole
 * source. The file is deleted when the analysis ends or fails.
 *
 * <p>A source with the same content as one analysed lately (the same tensors, stimulus table and unit features: a
 * network's input at each of its checkpoints) is not fetched or analysed again: it gets that source's results,
 * addressed to it ({@link AnalysedContent}).
 *
 * <p>A long analysis says every heartbeat interval that it still runs and at which step ({@link ProgressHeartbeat}):
 * fetching the batches (k of n, with an estimate of the time left), then analysing, with the analysis's own steps
 * when it reports them ({@link SourceAnalysis#analyse(SourceManifest, SourceActivations, StepProgress)}); how long it
 * takes is never held against it.
 *
 * <p>Thread-safe for records of different sources; one source's records must come in order, from one thread at a
 * time (Kafka delivers them in order on one partition, to one consumer).
 */
public final class ActivationEventHandler {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int TRACKED_SOURCES = 1024;
    /** Contents whose results are kept: a few runs' sources (their results are small; the tables are claims). */
    private static final int REMEMBERED_CONTENTS = 256;
    /** Default of {@code pd.limits.max-units}: far above any layer or recording of the paper. */
    public static final int DEFAULT_MAX_UNITS = 1_000_000;

    private final String producer;
    private final DeadLetters deadLetters;
    private final ProgressHeartbeat heartbeat;
    private final SourceAssembler assembler;
    private final SourceAnalysis analysis;
    private final EventPublisher publisher;
    private final Path spillDirectory;
    private final int maxUnits;
    /** Sources analysed lately, by content: a run's pixels, the same at every checkpoint, are analysed once. */
    private final AnalysedContent analysed = new AnalysedContent(REMEMBERED_CONTENTS);
    // Synchronized: with several consumers per instance (SmallRye's concurrency), records of different sources
    // reach one handler from several threads; one source's records come in order from its one partition.
    private final Map<String, BitSet> batchesSeen = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, BitSet> eldest) {
                    return size() > TRACKED_SOURCES;
                }
            });

    public ActivationEventHandler(String producer, ObjectStore store, SourceAnalysis analysis, EventPublisher publisher) {
        this(producer, store, analysis, publisher, Path.of(System.getProperty("java.io.tmpdir")),
                DEFAULT_MAX_UNITS);
    }

    /** @param spillDirectory where each source's temporary file is written (it needs room for the largest source) */
    public ActivationEventHandler(String producer, ObjectStore store, SourceAnalysis analysis, EventPublisher publisher,
                                  Path spillDirectory) {
        this(producer, store, analysis, publisher, spillDirectory, DEFAULT_MAX_UNITS);
    }

    /** @param maxUnits most units a batch or source may claim (see the full constructor) */
    public ActivationEventHandler(String producer, ObjectStore store, SourceAnalysis analysis, EventPublisher publisher,
                                  int maxUnits) {
        this(producer, store, analysis, publisher, Path.of(System.getProperty("java.io.tmpdir")), maxUnits);
    }

    /**
     * @param spillDirectory where each source's temporary file is written (it needs room for the largest source)
     * @param maxUnits       most units a batch or source may claim ({@code pd.limits.max-units}); a batch claiming
     *                       more, or more elements than one Java array holds, is dead-lettered before anything is
     *                       fetched
     */
    public ActivationEventHandler(String producer, ObjectStore store, SourceAnalysis analysis, EventPublisher publisher,
                                  Path spillDirectory, int maxUnits) {
        this(producer, store, analysis, publisher, spillDirectory, maxUnits, ProgressHeartbeat.DEFAULT_INTERVAL);
    }

    /**
     * @param spillDirectory    where each source's temporary file is written (it needs room for the largest source)
     * @param maxUnits          most units a batch or source may claim ({@code pd.limits.max-units}); a batch claiming
     *                          more, or more elements than one Java array holds, is dead-lettered before anything is
     *                          fetched
     * @param heartbeatInterval time between two "still running" progress events of one source's analysis
     */
    public ActivationEventHandler(String producer, ObjectStore store, SourceAnalysis analysis, EventPublisher publisher,
                                  Path spillDirectory, int maxUnits, Duration heartbeatInterval) {
        if (maxUnits < 1) {
            throw new IllegalArgumentException("pd.limits.max-units must be positive, got " + maxUnits);
        }
        this.spillDirectory = spillDirectory;
        this.maxUnits = maxUnits;
        this.producer = producer;
        this.deadLetters = new DeadLetters(producer, publisher::publishRunEvent);
        this.heartbeat = new ProgressHeartbeat(producer, publisher::publishRunEvent, heartbeatInterval);
        this.assembler = new SourceAssembler(store);
        this.analysis = analysis;
        this.publisher = publisher;
    }

    /**
     * Handles one record of {@code pd.activations}.
     *
     * @param where names the record in messages, for example {@code pd.activations[3]@42}
     * @throws PoisonEventException if the record must go to the dead-letter topic; its run has been failed then
     */
    public void handle(String key, byte[] value, String where) {
        try {
            ActivationEvent event = EventCodec.parse(ActivationEvent.parser(), value, where);
            switch (event.getEventCase()) {
                case BATCH -> onBatch(key, event.getBatch(), where);
                case MANIFEST -> onManifest(key, event.getManifest(), where);
                default -> throw new PoisonEventException(where
                        + ": activation event holds neither a batch nor a manifest");
            }
        } catch (Throwable failure) {
            // An Error too (OutOfMemoryError, StackOverflowError): what it held is garbage now, the consumer goes on.
            throw deadLetters.giveUp(RecordRuns.ofActivation(key, value), where, failure);
        }
    }

    private void onBatch(String key, ActivationBatch batch, String where) {
        SourceRef source = requireSource(key, batch.hasSource() ? batch.getSource() : null, where);
        if (batch.getBatchCount() <= 0 || batch.getBatchIndex() < 0 || batch.getBatchIndex() >= batch.getBatchCount()) {
            throw new PoisonEventException(where + ": batch index " + batch.getBatchIndex() + " outside 0.."
                    + (batch.getBatchCount() - 1));
        }
        requireTensorClaim(batch.getTensor(), where);
        if (batch.getTensor().getShape(0) != batch.getConditionIndicesCount()) {
            throw new PoisonEventException(where + ": batch tensor holds " + batch.getTensor().getShape(0)
                    + " conditions but lists " + batch.getConditionIndicesCount() + " condition indices");
        }
        String excess = overLimit(batch.getTensor().getShapeList());
        if (excess != null) {
            throw new PoisonEventException(where + ": batch " + batch.getBatchIndex() + " of "
                    + SourceKeys.sourceKey(source) + " (" + batch.getTensor().getKey() + ") " + excess);
        }
        BitSet seen = batchesSeen.computeIfAbsent(SourceKeys.sourceKey(source), ignored -> new BitSet());
        int index = batch.getBatchIndex();
        if (seen.get(index)) {
            warn(source, "duplicate batch " + index + " of " + SourceKeys.sourceKey(source) + " ignored (" + where
                    + ")");
        } else if (seen.length() > index + 1) {
            warn(source, "batch " + index + " of " + SourceKeys.sourceKey(source) + " arrived after batch "
                    + (seen.length() - 1) + " (" + where + "); the manifest's order is used");
        }
        seen.set(index);
    }

    /**
     * Every result also records what produced its source (model hash, checkpoint, stimulus-set hash, seed,
     * preprocessing, recording hash), from the manifest; the analyser's own details win on a clash.
     */
    static AnalysisResult.Builder withSourceProvenance(AnalysisResult.Builder result, SourceManifest manifest) {
        Provenance.Builder provenance = result.getProvenanceBuilder();
        manifest.getProvenance().getDetailsMap().forEach((name, value) -> {
            if (!provenance.containsDetails(name)) {
                provenance.putDetails(name, value);
            }
        });
        return result;
    }

    private void onManifest(String key, SourceManifest manifest, String where) {
        SourceRef source = requireSource(key, manifest.hasSource() ? manifest.getSource() : null, where);
        for (ObjectRef batch : manifest.getBatchesList()) {
            requireTensorClaim(batch, where);
        }
        batchesSeen.remove(SourceKeys.sourceKey(source));
        List<AnalysisResult> results;
        Optional<AnalysedContent.Reused> reused;
        try {
            requireWithinLimits(manifest);
            reused = analysed.find(analysis.name(), manifest);
            if (reused.isPresent()) {
                results = reused.get().results();
            } else {
                try (ProgressHeartbeat.Beat beat = heartbeat.start(source, analysis.name());
                     SpilledSource spilled = assembler.spill(manifest, spillDirectory,
                             batches -> beat.step("fetching batches", batches, manifest.getBatchesCount()))) {
                    beat.step("analysing", 0, 0);
                    results = analysis.analyse(manifest, spilled, beat);
                }
                analysed.remember(analysis.name(), manifest, results);
            }
        } catch (Throwable e) {
            // Bad objects and refused data say what they are; anything else (a bug, an Error) is named by its class
            // and the place it happened.
            String reason = e instanceof ClaimCheckException || e instanceof IllegalArgumentException
                    ? e.getMessage() : DeadLetters.describe(e);
            throw new SourceFailedException(where + ": " + analysis.name() + " of " + SourceKeys.sourceKey(source)
                    + " failed: " + reason, SourceFailed.newBuilder().setSource(source)
                    .setAnalysis(analysis.name()).setReason(reason).build(), e);
        }
        for (AnalysisResult result : results) {
            publisher.publishResult(withSourceProvenance(result.toBuilder().setResultsInPass(results.size()),
                    manifest).build());
        }
        for (String caution : analysis.cautions(manifest)) {
            warn(source, analysis.name() + " of " + describe(source) + ": " + caution);
        }
        publisher.publishRunEvent(event(source.getRunId()).setProgress(RunProgress.newBuilder()
                .setStage(analysis.name()).setDone(1).setTotal(1).setSource(source)
                .setMessage(analysis.name() + " of " + describe(source) + " done" + reused.map(again -> ", as for "
                        + again.from() + " (the same activations)").orElse("")))
                .build());
    }

    /** Refuses, before any object is fetched, a manifest whose shapes exceed the limits. */
    private void requireWithinLimits(SourceManifest manifest) {
        List<Long> total = manifest.getTotalShapeList();
        if (total.size() == 3 && total.stream().allMatch(dimension -> dimension > 0)) {
            String excess = overLimit(total);
            if (excess != null) {
                throw new IllegalArgumentException("manifest total_shape " + excess);
            }
        }
        for (ObjectRef batch : manifest.getBatchesList()) {
            String excess = overLimit(batch.getShapeList());
            if (excess != null) {
                throw new IllegalArgumentException("batch " + batch.getKey() + " " + excess);
            }
        }
    }

    /**
     * Why a positive [conditions, trials, units] shape exceeds the limits, or null if it does not: more units than
     * {@code pd.limits.max-units}, or more elements than one Java array (and so one tensor) holds.
     */
    private String overLimit(List<Long> shape) {
        long units = shape.get(2);
        if (units > maxUnits) {
            return "claims shape " + shape + " with " + units + " units, more than the limit of " + maxUnits
                    + " units (pd.limits.max-units)";
        }
        long elements = 1;
        for (long dimension : shape) {
            elements *= Math.min(dimension, (long) Integer.MAX_VALUE + 1);
            if (elements > Integer.MAX_VALUE) {
                return "claims shape " + shape + ", more than the " + Integer.MAX_VALUE
                        + " elements one tensor can hold";
            }
        }
        return null;
    }

    private static String describe(SourceRef source) {
        return source.getName() + (source.getCheckpoint().isEmpty() ? "" : " (" + source.getCheckpoint() + ")");
    }

    private static SourceRef requireSource(String key, SourceRef source, String where) {
        if (source == null || source.getRunId().isEmpty() || source.getName().isEmpty()) {
            throw new PoisonEventException(where + ": event names no source (run id and name are required)");
        }
        String expected = SourceKeys.sourceKey(source);
        if (!expected.equals(key)) {
            throw new PoisonEventException(where + ": record key '" + key + "' differs from the source key '"
                    + expected + "'");
        }
        return source;
    }

    private static void requireTensorClaim(ObjectRef tensor, String where) {
        try {
            ObjectKeys.requireValid(tensor.getKey());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(where + ": " + e.getMessage());
        }
        if (!SHA256.matcher(tensor.getSha256()).matches()) {
            throw new PoisonEventException(where + ": object " + tensor.getKey() + " has no valid sha256");
        }
        if (tensor.getShapeCount() != 3 || tensor.getShapeList().stream().anyMatch(size -> size <= 0)) {
            throw new PoisonEventException(where + ": tensor " + tensor.getKey() + " has shape "
                    + tensor.getShapeList() + ", expected [conditions, trials, units]");
        }
    }

    private void warn(SourceRef source, String reason) {
        publisher.publishRunEvent(event(source.getRunId())
                .setWarning(RunWarning.newBuilder().setSource(source).setReason(reason)).build());
    }

    private RunEvent.Builder event(String runId) {
        return RunEvent.newBuilder().setRunId(runId).setTimestampMs(System.currentTimeMillis()).setProducer(producer);
    }
}
