package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prunedistill.claimcheck.NpyArray;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.UnitFeatures;
import org.prunedistill.extraction.model.BuiltinCnn;
import org.prunedistill.extraction.model.BuiltinCnnGeometry;
import org.prunedistill.extraction.model.LayerInfo;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.model.UnitFeatureTable;
import org.prunedistill.extraction.model.UnitGrid;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;
import org.prunedistill.extractor.config.ExtractorConfig;
import org.prunedistill.extractor.messaging.EventPublisher;

/**
 * Runs the stimuli through every checkpoint of a model and publishes every chosen layer as a source, batch by batch:
 * a batch of conditions is rendered (all trials), passed once through the network, and each layer's slice goes out
 * before the next batch is rendered.
 */
@ApplicationScoped
public class ModelExtraction {

    /** Checkpoints of the built-in CNN with random weights: "random-" and the seed of the weights. */
    private static final Pattern RANDOM_CHECKPOINT = Pattern.compile("random-(\\d{1,18})");
    private static final String DEFAULT_CHECKPOINT = "random-1";

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    ExtractorConfig config;

    /** Publishes every layer of every checkpoint; returns the sources published. */
    public List<SourceRef> extract(String runId, ModelSource model, StimulusPlan plan, Consumer<String> progress) {
        List<String> checkpoints = model.getCheckpointsList().isEmpty()
                ? List.of(DEFAULT_CHECKPOINT) : model.getCheckpointsList();
        List<BuiltinCnn> networks = checkpoints.stream().map(name -> network(name, plan)).toList();
        List<LayerInfo> layers = chooseLayers(networks.get(0).layers(), model.getLayersList());
        Map<String, UnitFeatures> features = unitFeatures(layers, plan);
        List<SourceRef> sources = new ArrayList<>();
        for (int i = 0; i < checkpoints.size(); i++) {
            sources.addAll(extractCheckpoint(runId, checkpoints.get(i), networks.get(i), layers, features, plan,
                    progress));
        }
        return sources;
    }

    /**
     * What each layer's units see of every condition (the same for every checkpoint): RF luminance, contrast and
     * azimuth per spatial position, from the clean images, stored once per run.
     */
    private Map<String, UnitFeatures> unitFeatures(List<LayerInfo> layers, StimulusPlan plan) {
        RenderedStimulusSet stimuli = plan.stimuli();
        List<float[]> clean = new ArrayList<>(stimuli.conditions().size());
        for (int c = 0; c < stimuli.conditions().size(); c++) {
            clean.add(stimuli.renderClean(c));
        }
        Map<String, UnitFeatures> features = new LinkedHashMap<>();
        for (LayerInfo layer : layers) {
            UnitGrid grid = BuiltinCnnGeometry.grid(layer.name(), stimuli.imageSize()).orElseThrow();
            UnitFeatureTable table = UnitFeatureTable.compute(grid, clean, stimuli.imageSize(),
                    stimuli.degreesPerPixel());
            features.put(layer.name(), UnitFeatures.newBuilder()
                    .setPositions(table.positions())
                    .setRfLuminance(store.putTensor(NpyArray.ofFloats(table.luminance(), table.positions(),
                            table.conditions())))
                    .setRfContrast(store.putTensor(NpyArray.ofFloats(table.contrast(), table.positions(),
                            table.conditions())))
                    .setRfAzimuth(store.putTensor(NpyArray.ofFloats(table.azimuth(), table.positions())))
                    .setRfMap(UnitFeatureTable.INPUT_WINDOW)
                    .build());
        }
        return features;
    }

    private List<SourceRef> extractCheckpoint(String runId, String checkpoint, BuiltinCnn network,
                                              List<LayerInfo> layers, Map<String, UnitFeatures> features,
                                              StimulusPlan plan, Consumer<String> progress) {
        RenderedStimulusSet stimuli = plan.stimuli();
        int conditions = stimuli.conditions().size();
        int batchCount = (conditions + plan.batchConditions() - 1) / plan.batchConditions();
        Map<LayerInfo, SourceWriter> writers = new LinkedHashMap<>();
        for (LayerInfo layer : layers) {
            SourceRef source = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER)
                    .setName(layer.name()).setCheckpoint(checkpoint).setRelativeDepth(layer.relativeDepth())
                    .setOrder(layer.order()).setOrigin("builtin-cnn").build();
            writers.put(layer, new SourceWriter(source, batchCount, store, publisher));
        }
        List<String> names = layers.stream().map(LayerInfo::name).toList();
        int side = stimuli.imageSize();
        try (OnnxActivations onnx = new OnnxActivations(network.onnxBytes(), config.extraction().onnxThreads())) {
            for (int first = 0; first < conditions; first += plan.batchConditions()) {
                int count = Math.min(plan.batchConditions(), conditions - first);
                float[] pixels = plan.render(first, count);
                Map<String, float[][]> activations = onnx.run(pixels, count * stimuli.trials(), stimuli.channels(), side, side,
                        names);
                for (Map.Entry<LayerInfo, SourceWriter> entry : writers.entrySet()) {
                    float[][] rows = activations.get(entry.getKey().name());
                    entry.getValue().write(first, toTensor(rows, count, stimuli.trials()));
                }
                progress.accept(checkpoint + ": " + (first + count) + "/" + conditions + " conditions through "
                        + names.size() + " layers");
            }
        }
        Provenance provenance = plan.provenance()
                .putDetails("model", "builtin-cnn")
                .putDetails("model_sha256", network.sha256())
                .putDetails("weights_seed", Long.toString(network.seed()))
                .putDetails("checkpoint", checkpoint)
                .build();
        for (Map.Entry<LayerInfo, SourceWriter> entry : writers.entrySet()) {
            entry.getValue().finish(stimuli.trials(), entry.getKey().units(), plan.metadata(), provenance,
                    features.get(entry.getKey().name()));
        }
        return writers.values().stream().map(SourceWriter::source).toList();
    }

    private static BuiltinCnn network(String checkpoint, StimulusPlan plan) {
        if (plan.stimuli().channels() != 1) {
            throw new IllegalArgumentException("builtin-cnn takes grey images; stimulus set " + plan.stimuli().name()
                    + " was asked for " + plan.stimuli().channels() + " channels");
        }
        Matcher matcher = RANDOM_CHECKPOINT.matcher(checkpoint);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unknown checkpoint '" + checkpoint
                    + "' of builtin-cnn: expected random-<seed>, for example random-1");
        }
        return BuiltinCnn.random(Long.parseLong(matcher.group(1)), plan.stimuli().imageSize(),
                plan.stimuli().objectNames().size());
    }

    private static List<LayerInfo> chooseLayers(List<LayerInfo> available, List<String> requested) {
        if (requested.isEmpty()) {
            return available;
        }
        List<LayerInfo> chosen = new ArrayList<>();
        for (String name : requested) {
            chosen.add(available.stream().filter(layer -> layer.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown layer '" + name + "' of builtin-cnn; valid layers: "
                            + available.stream().map(LayerInfo::name).toList())));
        }
        return chosen;
    }

    /** Network rows are (condition, trial) pairs in condition-major order: exactly [count, trials, units]. */
    private static NpyArray toTensor(float[][] rows, int count, int trials) {
        int units = rows[0].length;
        float[] data = new float[rows.length * units];
        for (int row = 0; row < rows.length; row++) {
            System.arraycopy(rows[row], 0, data, row * units, units);
        }
        return NpyArray.ofFloats(data, count, trials, units);
    }
}
