package org.prunedistill.infodecoder;

import java.util.List;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;

/** Puts a source into the store the way the extractor does: batches of conditions, then a manifest naming them. */
final class SourceUpload {

    /** Response of one unit on one trial of one condition. */
    interface Responses {
        float value(int condition, int trial, int unit);
    }

    private SourceUpload() {
    }

    /** A manifest of a layer {@code name}, its batches holding {@code batchConditions} conditions each. */
    static SourceManifest upload(ObjectStore store, String name, List<StimulusCondition> conditions, int trials,
            int units, int batchConditions, Responses responses) {
        SourceManifest.Builder manifest = SourceManifest.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId("bounded").setKind(SourceKind.SOURCE_KIND_LAYER)
                        .setName(name).setOrigin("test"))
                .setStimulusMetadata(store.putDocument(ConditionTable.toJson(conditions)))
                .addAllTotalShape(List.of((long) conditions.size(), (long) trials, (long) units));
        for (int first = 0; first < conditions.size(); first += batchConditions) {
            int count = Math.min(batchConditions, conditions.size() - first);
            float[] batch = new float[count * trials * units];
            for (int c = 0; c < count; c++) {
                for (int t = 0; t < trials; t++) {
                    for (int u = 0; u < units; u++) {
                        batch[(c * trials + t) * units + u] = responses.value(first + c, t, u);
                    }
                }
            }
            manifest.addBatches(store.putTensor(FloatTensor.ofFloats(batch, count, trials, units)));
        }
        return manifest.build();
    }

    /** The planted source's data as responses. */
    static Responses of(org.prunedistill.claimcheck.SourceTensor tensor) {
        return tensor::value;
    }
}
