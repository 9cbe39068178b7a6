package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every readable layer of an imported model as a user picks layers from it: its shape per image (found by running
 * one all-zero image through a copy of the model whose outputs are every candidate layer), its relative depth,
 * whether it is analysed by default ({@link DefaultLayerChoice}) and where its units look in the model input
 * ({@link OnnxReceptiveFields}, in model-input pixels).
 *
 * @param architecture which rule picked the defaults
 * @param inputSide    side of the model input (the preprocessing's crop), the pixels receptive fields are given in
 * @param layers       every candidate layer, in graph order
 */
public record LayerCatalog(DefaultLayerChoice.Architecture architecture, int inputSide, List<Entry> layers) {

    /**
     * One candidate layer.
     *
     * @param layer     name, producing op, order and relative depth
     * @param shape     per-image shape, batch dimension dropped, e.g. [64, 56, 56]
     * @param isDefault whether a run without chosen layers analyses it
     * @param field     the receptive field of its units
     */
    public record Entry(CandidateLayer layer, List<Long> shape, boolean isDefault, OnnxReceptiveFields.Field field) {
        public Entry {
            shape = List.copyOf(shape);
        }

        /** Values per image: the product of the shape. */
        public long units() {
            return shape.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
        }
    }

    public LayerCatalog {
        layers = List.copyOf(layers);
    }

    /**
     * Probes the model and lists its layers.
     *
     * @param threads ONNX Runtime intra-op threads for the probe
     * @throws IllegalArgumentException naming the model if ONNX Runtime cannot run it
     */
    static LayerCatalog of(ImportedModel model, int threads) {
        Map<String, List<Long>> shapes = probeShapes(model, threads);
        DefaultLayerChoice choice = DefaultLayerChoice.of(model.graph(), shapes);
        Set<String> defaults = new HashSet<>(choice.layers());
        int side = model.preprocessing().crop();
        OnnxReceptiveFields fields = OnnxReceptiveFields.of(model.graph(), side);
        List<Entry> entries = new ArrayList<>();
        for (CandidateLayer layer : model.candidateLayers()) {
            entries.add(new Entry(layer, shapes.get(layer.name()), defaults.contains(layer.name()),
                    fields.field(layer.name())));
        }
        return new LayerCatalog(choice.architecture(), side, entries);
    }

    /** Names of the default layers, in graph order. */
    public List<String> defaults() {
        return layers.stream().filter(Entry::isDefault).map(entry -> entry.layer().name()).toList();
    }

    /** Per-image shape of every candidate, the input's being [channels, crop, crop]. */
    private static Map<String, List<Long>> probeShapes(ImportedModel model, int threads) {
        ModelPreprocessing preprocessing = model.preprocessing();
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        shapes.put(model.inputName(), List.of((long) preprocessing.channels(), (long) preprocessing.crop(),
                (long) preprocessing.crop()));
        List<String> tensors = model.candidateLayers().stream().skip(1).map(CandidateLayer::name).toList();
        if (tensors.isEmpty()) {
            return shapes;
        }
        try (OnnxActivations probe = new OnnxActivations(model.graph().withOutputs(tensors), threads)) {
            probe.outputShapes(preprocessing.channels(), preprocessing.crop()).forEach((name, shape) -> {
                List<Long> perImage = new ArrayList<>();
                for (int axis = 1; axis < shape.length; axis++) {
                    perImage.add(shape[axis]);
                }
                shapes.put(name, List.copyOf(perImage));
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("ONNX model '" + model.name() + "' (sha256 " + model.sha256()
                    + ") cannot be probed for its layers' shapes: " + e.getMessage(), e);
        }
        return shapes;
    }
}
