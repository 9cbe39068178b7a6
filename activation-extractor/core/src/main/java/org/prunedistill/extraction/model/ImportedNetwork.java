package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint of an imported ONNX model: rendered images go through the model's declared preprocessing. Without
 * chosen layers it publishes the layers SCIENCE.md section 1 compares, read from the graph as Ansuini et al. chose
 * them ({@link DefaultLayerChoice}: the stage outputs of a residual network, the pooling and dense outputs of a plain
 * one). Where its units look is derived from the graph ({@link OnnxReceptiveFields}) and
 * mapped through the preprocessing into the rendered image; a layer whose field the graph does not tell is taken to
 * see the whole image (rf_map "whole-image"), and the provenance names it with the reason.
 */
public final class ImportedNetwork implements CheckpointNetwork {

    private final String checkpoint;
    private final ImportedLayers chosen;
    private final List<LayerInfo> layers;
    private final OnnxReceptiveFields fields;
    private final Map<String, String> unknownFields;
    private final String layerChoice;

    public ImportedNetwork(String model, String checkpoint, byte[] onnx, ModelPreprocessing preprocessing,
                    List<String> requested, int threads) {
        ImportedModel imported = ImportedModel.of(model, onnx, preprocessing);
        List<String> names = requested;
        String choice = "requested";
        if (requested.isEmpty()) {
            LayerCatalog catalog = imported.layerCatalog(threads);
            names = catalog.defaults();
            choice = catalog.architecture().name().toLowerCase(java.util.Locale.ROOT);
        }
        this.layerChoice = choice;
        this.checkpoint = checkpoint;
        this.chosen = imported.forLayers(names);
        try (OnnxActivations session = chosen.open(threads, OnnxMemoryCap.NONE)) {
            this.layers = List.copyOf(chosen.layerInfos(session));
        }
        this.fields = OnnxReceptiveFields.of(imported.graph(), chosen.inputSide());
        Map<String, String> unknown = new java.util.TreeMap<>();
        for (LayerInfo layer : layers) {
            if (fields.grid(layer.name(), layer.units(), chosen.inputSide()).isEmpty()) {
                OnnxReceptiveFields.Field field = fields.field(layer.name());
                unknown.put(layer.name(), field instanceof OnnxReceptiveFields.Unknown why ? why.reason()
                        : layer.units() + " units do not lie on its " + field + " channel-major");
            }
        }
        this.unknownFields = Map.copyOf(unknown);
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
    public OnnxActivations open(int threads, OnnxMemoryCap cap) {
        return chosen.open(threads, cap);
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
        return fields.grid(layer.name(), layer.units(), chosen.inputSide())
                .map(grid -> chosen.model().preprocessing().toImage(grid, imageSide));
    }

    /** Layers whose receptive field the graph does not tell (they see the whole image), with the reason. */
    public Map<String, String> unknownFields() {
        return unknownFields;
    }

    /**
     * The layer's receptive field in pixels of the model input (the crop), as derived from the graph:
     * {@code receptive_field} "window" with {@code receptive_field_window_px}, {@code receptive_field_stride_px} and
     * {@code receptive_field_offset_px} (where the first window starts), "whole-input", or "unknown".
     */
    @Override
    public Map<String, String> layerProvenance(LayerInfo layer) {
        OnnxReceptiveFields.Field field = fields.field(layer.name());
        if (field instanceof OnnxReceptiveFields.Local local) {
            return Map.of("receptive_field", "window", "receptive_field_window_px", Long.toString(local.window()),
                    "receptive_field_stride_px", Long.toString(local.jump()),
                    "receptive_field_offset_px", Long.toString(local.offset()));
        }
        return Map.of("receptive_field", field instanceof OnnxReceptiveFields.Global ? "whole-input" : "unknown");
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> provenance = new java.util.LinkedHashMap<>();
        provenance.put("model", chosen.model().name());
        provenance.put("model_sha256", chosen.model().sha256());
        provenance.put("checkpoint", checkpoint);
        provenance.put("preprocessing", new String(chosen.model().preprocessing().toJson(),
                java.nio.charset.StandardCharsets.UTF_8));
        provenance.put("model_input_channels", Integer.toString(chosen.inputChannels()));
        provenance.put("model_input_side", Integer.toString(chosen.inputSide()));
        provenance.put("layer_choice", layerChoice);
        provenance.put("receptive_fields", unknownFields.isEmpty() ? "derived from the graph"
                : "derived from the graph; whole image for " + unknownFields);
        return Map.copyOf(provenance);
    }
}
