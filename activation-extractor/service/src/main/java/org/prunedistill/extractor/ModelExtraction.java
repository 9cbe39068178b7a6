package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prunedistill.claimcheck.NpyArray;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.UnitFeatures;
import org.prunedistill.extraction.model.LayerInfo;
import org.prunedistill.extraction.model.ModelPreprocessing;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.model.UnitFeatureTable;
import org.prunedistill.extraction.model.UnitGrid;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;
import org.prunedistill.extractor.config.ExtractorConfig;
import org.prunedistill.extractor.messaging.EventPublisher;

/**
 * Runs the stimuli through every checkpoint of a model and publishes every chosen layer as a source, batch by batch:
 * a batch of conditions is rendered (all trials), passed once through the network, and each layer's slice goes out
 * before the next batch is rendered, so no layer is ever held whole. Models are the built-in CNN or imported ONNX
 * files ({@link CheckpointNetwork}).
 */
@ApplicationScoped
public class ModelExtraction {

    /** Checkpoints of the built-in CNN with random weights: "random-" and the seed of the weights. */
    private static final Pattern RANDOM_CHECKPOINT = Pattern.compile("random-(\\d{1,18})");
    private static final String DEFAULT_CHECKPOINT = "random-1";
    private static final String WHOLE_IMAGE = "whole-image";

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    ExtractorConfig config;

    @Inject
    SourceFiles files;

    /** Publishes every layer of every checkpoint; returns the sources published. */
    public List<SourceRef> extract(String runId, ModelSource model, StimulusPlan plan, Consumer<String> progress) {
        List<CheckpointNetwork> networks = networks(model, plan);
        UnitFeatureCache features = new UnitFeatureCache(plan);
        List<SourceRef> sources = new ArrayList<>();
        for (CheckpointNetwork network : networks) {
            sources.addAll(extractCheckpoint(runId, network, features, plan, progress));
        }
        return sources;
    }

    private List<SourceRef> extractCheckpoint(String runId, CheckpointNetwork network,
                                              UnitFeatureCache features, StimulusPlan plan,
                                              Consumer<String> progress) {
        RenderedStimulusSet stimuli = plan.stimuli();
        int conditions = stimuli.conditions().size();
        int batchCount = (conditions + plan.batchConditions() - 1) / plan.batchConditions();
        Map<LayerInfo, SourceWriter> writers = new LinkedHashMap<>();
        for (LayerInfo layer : network.layers()) {
            SourceRef source = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER)
                    .setName(layer.name()).setCheckpoint(network.checkpoint())
                    .setRelativeDepth(layer.relativeDepth()).setOrder(layer.order()).setOrigin(network.model())
                    .build();
            writers.put(layer, new SourceWriter(source, batchCount, store, publisher));
        }
        List<String> names = network.layers().stream().map(LayerInfo::name).toList();
        int side = network.inputSide();
        try (OnnxActivations onnx = network.open(config.extraction().onnxThreads())) {
            for (int first = 0; first < conditions; first += plan.batchConditions()) {
                int count = Math.min(plan.batchConditions(), conditions - first);
                float[] pixels = inputs(network, plan.render(first, count), count * stimuli.trials(), stimuli);
                Map<String, float[][]> activations = onnx.run(pixels, count * stimuli.trials(),
                        network.inputChannels(), side, side, names);
                for (Map.Entry<LayerInfo, SourceWriter> entry : writers.entrySet()) {
                    float[][] rows = activations.get(entry.getKey().name());
                    entry.getValue().write(first, toTensor(rows, count, stimuli.trials()));
                }
                progress.accept(network.checkpoint() + ": " + (first + count) + "/" + conditions
                        + " conditions through " + names.size() + " layers");
            }
        }
        Provenance provenance = plan.provenance().putAllDetails(network.provenance()).build();
        for (Map.Entry<LayerInfo, SourceWriter> entry : writers.entrySet()) {
            LayerInfo layer = entry.getKey();
            entry.getValue().finish(stimuli.trials(), layer.units(), plan.metadata(), provenance,
                    features.of(network.grid(layer, stimuli.imageSize())));
        }
        return writers.values().stream().map(SourceWriter::source).toList();
    }

    /** Every rendered image as the network's input (the built-in CNN takes them as they are). */
    private static float[] inputs(CheckpointNetwork network, float[] rendered, int images,
                                  RenderedStimulusSet stimuli) {
        int imageSide = stimuli.imageSize();
        int imagePixels = stimuli.channels() * imageSide * imageSide;
        int inputPixels = network.inputChannels() * network.inputSide() * network.inputSide();
        if (imagePixels == inputPixels && network instanceof BuiltinNetwork) {
            return rendered;
        }
        float[] inputs = new float[images * inputPixels];
        float[] image = new float[imagePixels];
        for (int i = 0; i < images; i++) {
            System.arraycopy(rendered, i * imagePixels, image, 0, imagePixels);
            System.arraycopy(network.input(image, stimuli.channels(), imageSide), 0, inputs, i * inputPixels,
                    inputPixels);
        }
        return inputs;
    }

    /**
     * What the units of one grid see of every condition: RF luminance, contrast and azimuth per spatial position, from
     * the clean images (rendered once); the same for every checkpoint and every layer with that grid, so stored once.
     * A layer whose grid is unknown sees the whole image.
     */
    private final class UnitFeatureCache {
        private final StimulusPlan plan;
        private final Map<UnitGrid, UnitFeatures> features = new HashMap<>();
        private List<float[]> clean;

        UnitFeatureCache(StimulusPlan plan) {
            this.plan = plan;
        }

        UnitFeatures of(Optional<UnitGrid> known) {
            int side = plan.stimuli().imageSize();
            UnitGrid grid = known.orElse(UnitGrid.wholeImage(side));
            String map = known.isPresent() ? UnitFeatureTable.INPUT_WINDOW : WHOLE_IMAGE;
            return features.computeIfAbsent(grid, g -> {
                if (clean == null) {
                    clean = plan.cleanImages();
                }
                UnitFeatureTable table = UnitFeatureTable.compute(g, clean, side, plan.stimuli().degreesPerPixel());
                return UnitFeatures.newBuilder()
                        .setPositions(table.positions())
                        .setRfLuminance(store.putTensor(NpyArray.ofFloats(table.luminance(), table.positions(),
                                table.conditions())))
                        .setRfContrast(store.putTensor(NpyArray.ofFloats(table.contrast(), table.positions(),
                                table.conditions())))
                        .setRfAzimuth(store.putTensor(NpyArray.ofFloats(table.azimuth(), table.positions())))
                        .setRfMap(map)
                        .build();
            });
        }
    }

    /** Every checkpoint the source names, each checked (and loaded) before anything is published. */
    private List<CheckpointNetwork> networks(ModelSource model, StimulusPlan plan) {
        List<CheckpointNetwork> networks = new ArrayList<>();
        if (model.getOnnxCheckpointsCount() > 0) {
            ModelPreprocessing preprocessing = model.getPreprocessingJson().isEmpty() ? ModelPreprocessing.IMAGENET
                    : ModelPreprocessing.fromJson(model.getPreprocessingJson().getBytes(
                            java.nio.charset.StandardCharsets.UTF_8), "preprocessing of model " + model.getModel());
            for (ModelCheckpoint checkpoint : model.getOnnxCheckpointsList()) {
                if (model.getCheckpointsCount() == 0 || model.getCheckpointsList().contains(checkpoint.getName())) {
                    byte[] onnx = files.read(checkpoint.getUri(), "model " + model.getModel());
                    networks.add(new ImportedNetwork(model.getModel(), checkpoint.getName(), onnx, preprocessing,
                            model.getLayersList(), config.extraction().onnxThreads()));
                }
            }
            return networks;
        }
        if (plan.stimuli().channels() != 1) {
            throw new IllegalArgumentException("builtin-cnn takes grey images; stimulus set " + plan.stimuli().name()
                    + " was asked for " + plan.stimuli().channels() + " channels");
        }
        List<String> checkpoints = model.getCheckpointsList().isEmpty()
                ? List.of(DEFAULT_CHECKPOINT) : model.getCheckpointsList();
        for (String checkpoint : checkpoints) {
            networks.add(builtin(checkpoint, plan, model.getLayersList()));
        }
        return networks;
    }

    private static CheckpointNetwork builtin(String checkpoint, StimulusPlan plan, List<String> layers) {
        Matcher matcher = RANDOM_CHECKPOINT.matcher(checkpoint);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unknown checkpoint '" + checkpoint
                    + "' of builtin-cnn: expected random-<seed>, for example random-1");
        }
        return BuiltinNetwork.random(checkpoint, Long.parseLong(matcher.group(1)), plan.stimuli().imageSize(),
                plan.stimuli().objectNames().size(), layers);
    }

    /** The requested layers in request order, or all; an unknown name lists the valid ones. */
    static List<LayerInfo> chooseLayers(List<LayerInfo> available, List<String> requested, String model) {
        if (requested.isEmpty()) {
            return available;
        }
        List<LayerInfo> chosen = new ArrayList<>();
        for (String name : requested) {
            chosen.add(available.stream().filter(layer -> layer.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown layer '" + name + "' of " + model + "; valid layers: "
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
