package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.prunedistill.claimcheck.Excerpt;
import org.prunedistill.claimcheck.Sha256;

/**
 * An ONNX model brought in from outside (e.g. a torchvision export), with the preprocessing its training used and the
 * layers that can be read from it.
 *
 * <p>On import the bytes are parsed ({@link OnnxGraph}) and the image input is checked: element type FLOAT, rank 4
 * [N, C, H, W]; a fixed C must equal the preprocessing's channels and fixed H and W its crop. The sha256 of the bytes
 * identifies the model in results. ONNX Runtime is not involved until {@link ImportedLayers#open}.
 *
 * <p>Immutable; the byte array is kept, not copied (models may be hundreds of MB), so the caller hands it over and
 * must not modify it. Every {@link IllegalArgumentException} names the model.
 */
public final class ImportedModel {

    private static final int IMAGE_RANK = 4;
    private static final int CHANNEL_AXIS = 1;
    private static final int HEIGHT_AXIS = 2;
    private static final int WIDTH_AXIS = 3;

    private final String name;
    private final byte[] onnx;
    private final String sha256;
    private final ModelPreprocessing preprocessing;
    private final OnnxGraph graph;

    private ImportedModel(String name, byte[] onnx, String sha256, ModelPreprocessing preprocessing,
                          OnnxGraph graph) {
        this.name = name;
        this.onnx = onnx;
        this.sha256 = sha256;
        this.preprocessing = preprocessing;
        this.graph = graph;
    }

    /**
     * Imports a model.
     *
     * @param name          how the model is called in messages and results, not blank
     * @param onnx          serialised ModelProto, handed over (not copied)
     * @param preprocessing how stimuli become its input
     * @throws IllegalArgumentException naming the model if the bytes are not a usable ONNX model (see
     *                                  {@link OnnxGraph#parse}) or the input does not fit the preprocessing
     */
    public static ImportedModel of(String name, byte[] onnx, ModelPreprocessing preprocessing) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(preprocessing, "preprocessing");
        OnnxGraph graph;
        try {
            graph = OnnxGraph.parse(onnx);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ONNX model '" + name + "': " + e.getMessage(), e);
        }
        checkInput(name, graph.input(), preprocessing);
        return new ImportedModel(name, onnx, Sha256.hex(onnx), preprocessing, graph);
    }

    private static void checkInput(String name, OnnxGraph.ValueInfo input, ModelPreprocessing preprocessing) {
        String where = "ONNX model '" + name + "': input '" + input.name() + "' ";
        if (input.elementType() != OnnxGraph.FLOAT) {
            throw new IllegalArgumentException(where + "must be FLOAT (element type 1), is element type "
                    + input.elementType());
        }
        List<OnnxGraph.Dimension> shape = input.shape();
        if (shape.size() != IMAGE_RANK) {
            throw new IllegalArgumentException(where + "must have shape [N, C, H, W], has " + shape);
        }
        checkDim(where, shape, CHANNEL_AXIS, preprocessing.channels(), "channels");
        checkDim(where, shape, HEIGHT_AXIS, preprocessing.crop(), "crop");
        checkDim(where, shape, WIDTH_AXIS, preprocessing.crop(), "crop");
    }

    private static void checkDim(String where, List<OnnxGraph.Dimension> shape, int axis, int expected,
                                 String field) {
        OnnxGraph.Dimension dim = shape.get(axis);
        if (dim.isFixed() && dim.size() != expected) {
            throw new IllegalArgumentException(where + "has shape " + shape + " but the preprocessing's " + field
                    + " is " + expected);
        }
    }


    /** The model's name. */
    public String name() {
        return name;
    }

    /** A copy of the ONNX bytes as imported (costs the model's size). */
    public byte[] onnxBytes() {
        return onnx.clone();
    }

    /** Lower-case hex SHA-256 of the ONNX bytes. */
    public String sha256() {
        return sha256;
    }

    /** How stimuli become the model input. */
    public ModelPreprocessing preprocessing() {
        return preprocessing;
    }

    /** The parsed graph. */
    public OnnxGraph graph() {
        return graph;
    }

    /** Name of the image input, which is also the first candidate layer. */
    public String inputName() {
        return graph.input().name();
    }

    /** Every readable layer, input first, in graph order with relative depths ({@link OnnxLayerCandidates}). */
    public List<CandidateLayer> candidateLayers() {
        return graph.candidateLayers();
    }

    /**
     * Every candidate layer with its shape, relative depth, receptive field and whether it is analysed by default;
     * costs one ONNX Runtime run of an all-zero image through a copy of the model.
     *
     * @param threads ONNX Runtime intra-op threads, at least 1
     * @throws IllegalArgumentException naming the model if ONNX Runtime cannot run it
     */
    public LayerCatalog layerCatalog(int threads) {
        return LayerCatalog.of(this, threads);
    }

    /**
     * Chooses the layers to read and prepares a model whose graph outputs are exactly those layers (the input, if
     * chosen, is served without running the model). Costs one copy of the model bytes unless only the input is
     * chosen.
     *
     * @param layers candidate layer names; order is kept, duplicates dropped
     * @throws IllegalArgumentException naming the model if the list is empty or a name is not a candidate layer (the
     *                                  message lists the valid names, shortened when there are many)
     */
    public ImportedLayers forLayers(List<String> layers) {
        Set<String> chosen = new LinkedHashSet<>(Objects.requireNonNull(layers, "layers"));
        Map<String, CandidateLayer> byName = new LinkedHashMap<>();
        for (CandidateLayer layer : graph.candidateLayers()) {
            byName.put(layer.name(), layer);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("ONNX model '" + name + "': choose at least one layer of "
                    + OnnxGraph.describeNames(List.copyOf(byName.keySet())));
        }
        List<CandidateLayer> selected = new ArrayList<>();
        List<String> fromModel = new ArrayList<>();
        for (String layer : chosen) {
            CandidateLayer candidate = byName.get(layer);
            if (candidate == null) {
                throw new IllegalArgumentException("ONNX model '" + name + "': unknown layer " + Excerpt.of(layer)
                        + "; valid layers: " + OnnxGraph.describeNames(List.copyOf(byName.keySet())));
            }
            selected.add(candidate);
            if (candidate.order() > 0) {
                fromModel.add(layer);
            }
        }
        byte[] edited = fromModel.isEmpty() ? onnx : graph.withOutputs(fromModel);
        return new ImportedLayers(this, edited, selected);
    }
}
