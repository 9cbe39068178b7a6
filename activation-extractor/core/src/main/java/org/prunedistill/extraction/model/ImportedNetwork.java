package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A checkpoint of an imported ONNX model: rendered images go through the model's declared preprocessing. Without
 * chosen layers it publishes the input, every pooling output and every dense (Gemm, MatMul) output, the layers
 * SCIENCE.md section 1 compares. Where its units look is not derived from the graph: every unit's receptive field is
 * taken to be the whole image (recorded as rf_map "whole-image").
 */
public final class ImportedNetwork implements CheckpointNetwork {

    /** Op types whose outputs are published when the run names no layer. */
    public static final Set<String> DEFAULT_OPS = Set.of(CandidateLayer.INPUT_OP, "MaxPool", "AveragePool",
            "GlobalAveragePool", "Gemm", "MatMul");

    private final String checkpoint;
    private final ImportedLayers chosen;
    private final List<LayerInfo> layers;

    public ImportedNetwork(String model, String checkpoint, byte[] onnx, ModelPreprocessing preprocessing,
                    List<String> requested, int threads) {
        ImportedModel imported = ImportedModel.of(model, onnx, preprocessing);
        List<String> names = requested.isEmpty()
                ? imported.candidateLayers().stream().filter(c -> DEFAULT_OPS.contains(c.opType()))
                        .map(CandidateLayer::name).toList()
                : requested;
        this.checkpoint = checkpoint;
        this.chosen = imported.forLayers(names);
        try (OnnxActivations session = chosen.open(threads)) {
            this.layers = List.copyOf(chosen.layerInfos(session));
        }
    }

    @Override
    public String checkpoint() {
        return checkpoint;
    }

    @Override
    public String model() {
        return chosen.model().name();
    }

    @Override
    public List<LayerInfo> layers() {
        return layers;
    }

    @Override
    public OnnxActivations open(int threads) {
        return chosen.open(threads);
    }

    @Override
    public int inputChannels() {
        return chosen.inputChannels();
    }

    @Override
    public int inputSide() {
        return chosen.inputSide();
    }

    @Override
    public float[] input(float[] image, int imageChannels, int imageSide) {
        return chosen.preprocess(image, imageChannels, imageSide);
    }

    @Override
    public Optional<UnitGrid> grid(LayerInfo layer, int imageSide) {
        return Optional.empty();
    }

    @Override
    public Map<String, String> provenance() {
        return Map.of("model", chosen.model().name(), "model_sha256", chosen.model().sha256(),
                "checkpoint", checkpoint,
                "preprocessing", new String(chosen.model().preprocessing().toJson(),
                        java.nio.charset.StandardCharsets.UTF_8));
    }
}
