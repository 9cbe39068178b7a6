package org.prunedistill.idestimator.mapping;

import java.util.Map;
import java.util.TreeMap;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.SourceKeys;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Estimate;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.Neighbourhoods;
import org.prunedistill.id.TwoNnMleEstimate;

/** Turns estimates into result events. */
public final class ResultMapping {

    public static final String ANALYSIS = "intrinsic-dimension";
    private static final String CODE_VERSION = ResultMapping.class.getPackage().getImplementationVersion() == null
            ? "dev" : ResultMapping.class.getPackage().getImplementationVersion();

    private ResultMapping() {
    }

    /**
     * @param interval the maximum-likelihood confidence interval, or null for estimators without one
     */
    public static AnalysisResult toResult(SourceManifest manifest, IdEstimate estimate, Neighbourhoods neighbourhoods,
                                          TwoNnMleEstimate interval) {
        Map<String, String> parameters = new TreeMap<>(estimate.parameters());
        parameters.put("points", "condition means over trials");
        Estimate.Builder id = Estimate.newBuilder().setName("id").setValue(estimate.id()).setUnit("dimensions");
        if (!Double.isNaN(estimate.error())) {
            id.setError(estimate.error());
        }
        AnalysisResult.Builder result = AnalysisResult.newBuilder()
                .setResultKey(SourceKeys.resultKey(manifest.getSource(), ANALYSIS, estimate.estimator(), parameters))
                .setSource(manifest.getSource())
                .setAnalysis(ANALYSIS)
                .setEstimator(estimate.estimator())
                .putAllParameters(parameters)
                .addValues(id)
                .addValues(count("points_used", estimate.pointsUsed()))
                .addValues(count("points_dropped", estimate.pointsDropped()))
                .addValues(count("duplicates_removed", neighbourhoods.duplicatesRemoved()))
                .addValues(Estimate.newBuilder().setName("scale").setValue(estimate.scale()).setUnit("distance"))
                .setInputSha256(ObjectKeys.sha256(manifest.toByteArray()))
                .setProvenance(Provenance.newBuilder()
                        .setProducer("id-estimator")
                        .setCodeVersion(CODE_VERSION)
                        .setCreatedAtMs(System.currentTimeMillis()));
        if (interval != null) {
            result.addValues(Estimate.newBuilder().setName("ci_low").setValue(interval.ciLow()).setUnit("dimensions"))
                    .addValues(Estimate.newBuilder().setName("ci_high").setValue(interval.ciHigh())
                            .setUnit("dimensions"));
        }
        return result.build();
    }

    private static Estimate count(String name, int value) {
        return Estimate.newBuilder().setName(name).setValue(value).setUnit("points").build();
    }
}
