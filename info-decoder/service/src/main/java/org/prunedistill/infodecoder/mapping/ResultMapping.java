package org.prunedistill.infodecoder.mapping;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prunedistill.claimcheck.NpyArray;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceKeys;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Estimate;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.info.Quartiles;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;

/** Turns per-unit information into a result event: quartiles over units, and the per-unit table as a claim check. */
public final class ResultMapping {

    public static final String ANALYSIS = "information";
    private static final String ESTIMATOR = "mutual-information";
    private static final String CODE_VERSION = ResultMapping.class.getPackage().getImplementationVersion() == null
            ? "dev" : ResultMapping.class.getPackage().getImplementationVersion();

    private ResultMapping() {
    }

    /** @param sample the unit sample's parameters ({@code units_in_source}, {@code units_analysed}, ...) */
    public static AnalysisResult toResult(SourceManifest manifest, String quantity, String stimulus, double[] plugin,
                                          double[] corrected, Map<String, String> sample, InfoDecoderConfig settings,
                                          ObjectStore store) {
        Map<String, String> parameters = new TreeMap<>(sample);
        parameters.put("quantity", quantity);
        parameters.put("stimulus", stimulus);
        parameters.put("binning", "equipopulated");
        parameters.put("response_bins", Integer.toString(settings.responseBins()));
        if (stimulus.equals("luminance")) {
            parameters.put("luminance_bins", Integer.toString(settings.luminanceBins()));
        }
        float[] table = new float[plugin.length * 2];
        for (int unit = 0; unit < plugin.length; unit++) {
            table[2 * unit] = (float) plugin[unit];
            table[2 * unit + 1] = (float) corrected[unit];
        }
        AnalysisResult.Builder result = base(manifest, ESTIMATOR + "-" + stimulus, ESTIMATOR, parameters)
                .setPerUnit(store.putTensor(ObjectKeys.RESULTS, NpyArray.ofFloats(table, plugin.length, 2)))
                .addPerUnitColumns("plugin_bits")
                .addPerUnitColumns("panzeri_treves_bits")
                .addValues(Estimate.newBuilder().setName("units").setValue(plugin.length).setUnit("units"));
        addQuartiles(result, "plugin", plugin);
        addQuartiles(result, "panzeri-treves", corrected);
        return result.build();
    }

    /**
     * A result of the per-unit paper quantities: the given summary values, the per-unit table ({@code rows x
     * columns.size()} float32) as a claim check, and the parameters.
     *
     * @param estimator names the result (and its key), for example {@code luminance-decomposition}
     */
    public static AnalysisResult toPerUnitResult(SourceManifest manifest, String estimator,
            Map<String, String> parameters, float[] table, int rows, List<String> columns, List<Estimate> values,
            ObjectStore store) {
        return base(manifest, estimator, estimator, new TreeMap<>(parameters))
                .setPerUnit(store.putTensor(ObjectKeys.RESULTS, NpyArray.ofFloats(table, rows, columns.size())))
                .addAllPerUnitColumns(columns)
                .addAllValues(values)
                .build();
    }

    private static AnalysisResult.Builder base(SourceManifest manifest, String keyName, String estimator,
            Map<String, String> parameters) {
        return AnalysisResult.newBuilder()
                .setResultKey(SourceKeys.resultKey(manifest.getSource(), ANALYSIS, keyName, parameters))
                .setSource(manifest.getSource())
                .setAnalysis(ANALYSIS)
                .setEstimator(estimator)
                .putAllParameters(parameters)
                .setInputSha256(ObjectKeys.sha256(manifest.toByteArray()))
                .setProvenance(Provenance.newBuilder()
                        .setProducer("info-decoder")
                        .setCodeVersion(CODE_VERSION)
                        .setCreatedAtMs(System.currentTimeMillis()));
    }

    private static void addQuartiles(AnalysisResult.Builder result, String correction, double[] values) {
        Quartiles quartiles = Quartiles.of(values);
        result.addValues(bits(correction + ".q25", quartiles.q25()))
                .addValues(bits(correction + ".median", quartiles.median()))
                .addValues(bits(correction + ".q75", quartiles.q75()));
    }

    private static Estimate bits(String name, double value) {
        return Estimate.newBuilder().setName(name).setValue(value).setUnit("bits").build();
    }
}
