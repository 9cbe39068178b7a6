package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.NpyArray;
import org.prunedistill.claimcheck.NpyFormatException;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.extractor.messaging.EventPublisher;

/**
 * Publishes a recorded area: responses {@code [units, conditions, trials]} from a {@code .npy} file and a JSON
 * condition table, re-laid out as {@code [conditions, trials, units]} batches. Responses must be finite: missing
 * trials are refused here with the position of the first NaN.
 */
@ApplicationScoped
public class RecordingExtraction {

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    SourceFiles files;

    public SourceRef extract(String runId, RecordingSource recording, int batchConditions, Provenance base) {
        String area = recording.getArea();
        byte[] file = files.read(recording.getResponsesUri(), "area " + area);
        NpyArray responses = parseResponses(file, recording.getResponsesUri(), area);
        int units = responses.dimension(0);
        int conditions = responses.dimension(1);
        int trials = responses.dimension(2);
        List<StimulusCondition> table = ConditionTable.fromJson(files.read(recording.getConditionsUri(), "area " + area),
                recording.getConditionsUri());
        if (table.size() != conditions) {
            throw new IllegalArgumentException("area " + area + ": the condition table lists " + table.size()
                    + " conditions, the responses hold " + conditions);
        }
        ObjectRef metadata = store.putDocument(ConditionTable.toJson(table));
        int hierarchy = Math.max(1, recording.getHierarchySize());
        SourceRef source = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_AREA).setName(area)
                .setRelativeDepth(hierarchy == 1 ? 0 : (double) recording.getOrder() / (hierarchy - 1))
                .setOrder(recording.getOrder()).setOrigin("recording").build();
        SourceWriter writer = new SourceWriter(source, (conditions + batchConditions - 1) / batchConditions, store,
                publisher);
        float[] data = responses.data();
        for (int first = 0; first < conditions; first += batchConditions) {
            int count = Math.min(batchConditions, conditions - first);
            float[] batch = new float[count * trials * units];
            for (int c = 0; c < count; c++) {
                for (int t = 0; t < trials; t++) {
                    for (int u = 0; u < units; u++) {
                        batch[(c * trials + t) * units + u] = data[(u * conditions + first + c) * trials + t];
                    }
                }
            }
            writer.write(first, NpyArray.ofFloats(batch, count, trials, units));
        }
        writer.finish(trials, units, metadata, base.toBuilder()
                .putDetails("recording", recording.getResponsesUri())
                .putDetails("recording_sha256", ObjectKeys.sha256(file))
                .putDetails("conditions", recording.getConditionsUri())
                .setCreatedAtMs(System.currentTimeMillis())
                .build(), null);
        return source;
    }

    private static NpyArray parseResponses(byte[] file, String uri, String area) {
        NpyArray responses;
        try {
            responses = Npy.read(file, uri);
        } catch (NpyFormatException e) {
            throw new IllegalArgumentException("area " + area + ": " + e.getMessage(), e);
        }
        if (responses.rank() != 3) {
            throw new IllegalArgumentException("area " + area + ": " + uri + " has shape "
                    + java.util.Arrays.toString(responses.shape()) + ", expected [units, conditions, trials]");
        }
        int bad = responses.firstNonFinite();
        if (bad >= 0) {
            int trials = responses.dimension(2);
            int conditions = responses.dimension(1);
            throw new IllegalArgumentException("area " + area + ": " + uri + " holds " + responses.data()[bad]
                    + " at unit " + bad / (conditions * trials) + ", condition " + (bad / trials) % conditions
                    + ", trial " + bad % trials + "; responses must be finite");
        }
        return responses;
    }
}
