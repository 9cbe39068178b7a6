package org.prunedistill.idestimator.mapping;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.SourceKeys;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Estimate;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.id.DecimationStep;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.LinearDimensionEstimate;
import org.prunedistill.id.SubsampledEstimate;
import org.prunedistill.id.TwoNnMleEstimate;

/**
 * Turns the estimates of one source into result events: one per estimator and scale, each with the value {@code id}
 * (and its error where the estimator gives one), {@code scale}, the points used and dropped, and the duplicates
 * removed.
 */
public final class ResultMapping {

    public static final String ANALYSIS = "intrinsic-dimension";
    private static final String CODE_VERSION = ResultMapping.class.getPackage().getImplementationVersion() == null
            ? "dev" : ResultMapping.class.getPackage().getImplementationVersion();

    private final SourceManifest manifest;
    private final int duplicatesRemoved;
    private final String inputSha256;
    private final Map<String, String> sample;

    /** @param sample the unit sample's parameters, recorded in every result ({@code units_in_source}, ...) */
    public ResultMapping(SourceManifest manifest, int duplicatesRemoved, Map<String, String> sample) {
        this.sample = Map.copyOf(sample);
        this.manifest = manifest;
        this.duplicatesRemoved = duplicatesRemoved;
        this.inputSha256 = ObjectKeys.sha256(manifest.toByteArray());
    }

    /**
     * The TwoNN linear fit on all points; with subsamples, its error is their SD (SCIENCE.md 3.4) and their mean is
     * published beside it.
     */
    public AnalysisResult twoNn(IdEstimate estimate, SubsampledEstimate subsampled, long seed) {
        if (subsampled == null) {
            return neighbourResult(estimate).build();
        }
        Map<String, String> parameters = new TreeMap<>(estimate.parameters());
        parameters.put("subsamples", Integer.toString(subsampled.repetitions().size()));
        parameters.put("subsample_size", Integer.toString(subsampled.sampleSize()));
        parameters.put("seed", Long.toString(seed));
        return neighbourResult(estimate, subsampled.error(), parameters)
                .addValues(value("subsample_mean", subsampled.id(), "dimensions"))
                .build();
    }

    /** One size of the decimation scaling: TwoNN on disjoint subsets of that many points (SCIENCE.md 3.5). */
    public AnalysisResult decimation(DecimationStep step, double fraction, long seed) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("fraction", Double.toString(fraction));
        parameters.put("size", Integer.toString(step.size()));
        parameters.put("seed", Long.toString(seed));
        return base("twonn-decimation", parameters)
                .addValues(value("id", step.id(), "dimensions").toBuilder().setError(step.error()))
                .addValues(value("subsets", step.subsets(), "subsets"))
                .addValues(value("points_used", step.size(), "points"))
                .addValues(value("scale", step.scale(), "distance"))
                .build();
    }

    public AnalysisResult twoNnMle(TwoNnMleEstimate interval) {
        return neighbourResult(interval.estimate())
                .addValues(value("ci_low", interval.ciLow(), "dimensions"))
                .addValues(value("ci_high", interval.ciHigh(), "dimensions"))
                .build();
    }

    /** One GRIDE scale; its parameters n1 and n2 make its key. */
    public AnalysisResult gride(IdEstimate estimate) {
        return neighbourResult(estimate).build();
    }

    /** PC-ID and the participation ratio, as two estimators of a linear dimension. */
    public List<AnalysisResult> linear(LinearDimensionEstimate estimate) {
        Map<String, String> parameters = Map.of("variance_threshold", Double.toString(estimate.varianceThreshold()),
                "standardised", "true");
        return List.of(
                base("pc-id", parameters)
                        .addValues(value("id", estimate.pcaComponents(), "dimensions"))
                        .addValues(value("constant_features", estimate.constantFeatures(), "units")).build(),
                base("participation-ratio", Map.of())
                        .addValues(value("id", estimate.participationRatio(), "dimensions")).build());
    }

    private AnalysisResult.Builder neighbourResult(IdEstimate estimate) {
        return neighbourResult(estimate, estimate.error(), estimate.parameters());
    }

    private AnalysisResult.Builder neighbourResult(IdEstimate estimate, double error, Map<String, String> parameters) {
        Estimate.Builder id = Estimate.newBuilder().setName("id").setValue(estimate.id()).setUnit("dimensions");
        if (!Double.isNaN(error)) {
            id.setError(error);
        }
        return base(estimate.estimator(), parameters)
                .addValues(id)
                .addValues(value("points_used", estimate.pointsUsed(), "points"))
                .addValues(value("points_dropped", estimate.pointsDropped(), "points"))
                .addValues(value("scale", estimate.scale(), "distance"));
    }

    private AnalysisResult.Builder base(String estimator, Map<String, String> estimatorParameters) {
        Map<String, String> parameters = new TreeMap<>(sample);
        parameters.putAll(estimatorParameters);
        parameters.put("points", "condition means over trials");
        return AnalysisResult.newBuilder()
                .setResultKey(SourceKeys.resultKey(manifest.getSource(), ANALYSIS, estimator, parameters))
                .setSource(manifest.getSource())
                .setAnalysis(ANALYSIS)
                .setEstimator(estimator)
                .putAllParameters(parameters)
                .addValues(value("duplicates_removed", duplicatesRemoved, "points"))
                .setInputSha256(inputSha256)
                .setProvenance(Provenance.newBuilder()
                        .setProducer("id-estimator")
                        .setCodeVersion(CODE_VERSION)
                        .setCreatedAtMs(System.currentTimeMillis()));
    }

    private static Estimate value(String name, double value, String unit) {
        return Estimate.newBuilder().setName(name).setValue(value).setUnit(unit).build();
    }
}
