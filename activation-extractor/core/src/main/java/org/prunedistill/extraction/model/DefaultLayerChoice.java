package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layers of an imported model analysed when the run names none, picked from its graph the way Ansuini et al.
 * (2019, NeurIPS, "Intrinsic dimension of data representations in deep neural networks") picked them
 * (SCIENCE.md section 1):
 * <ul>
 *     <li>{@link Architecture#RESIDUAL} (a node adds two activation branches of a spatial tensor, as ResNet's
 *     blocks do): the input, the pooling output of the stem (the last pooling before the first residual join), the
 *     output of each residual stage (the last block at each spatial resolution, after the block's activation when one
 *     follows its Add), and every pooling and dense output after the last block (global pooling, logits);</li>
 *     <li>{@link Architecture#PLAIN} (no node joins two activation tensors, and there is pooling, as in VGG and
 *     AlexNet): the input, every pooling output and every dense output;</li>
 *     <li>{@link Architecture#OTHER}: the input, the last tensor at each spatial resolution, and every dense
 *     output.</li>
 * </ul>
 * A dense output is that of a Gemm or MatMul node, taken before its activation; a MatMul whose only consumer adds a
 * constant bias is read after that Add. Spatial resolutions come from the tensors' shapes ([C, H, W] per image), which
 * ONNX Runtime tells ({@link ImportedModel#layerCatalog}); a tensor without a three-dimensional shape is not spatial.
 * Layers are returned in graph order. Immutable.
 */
public final class DefaultLayerChoice {

    /** How the network is built, which decides the rule. */
    public enum Architecture { RESIDUAL, PLAIN, OTHER }

    private static final Set<String> POOLING = Set.of("MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
            "GlobalMaxPool", "GlobalLpPool");
    private static final Set<String> DENSE = Set.of("Gemm", "MatMul");
    private static final Set<String> RESIDUAL_JOINS = Set.of("Add", "Sum");
    /** Activations that close a residual block after its Add (ReLU6 exports as Clip). */
    private static final Set<String> BLOCK_ACTIVATIONS = Set.of("Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu",
            "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Gelu", "Mish", "Clip");
    private static final int SPATIAL_RANK = 3;

    private final Architecture architecture;
    private final List<String> layers;

    private DefaultLayerChoice(Architecture architecture, List<String> layers) {
        this.architecture = architecture;
        this.layers = List.copyOf(layers);
    }

    /**
     * Chooses the default layers of a graph.
     *
     * @param graph  the parsed model
     * @param shapes per-image shape of each candidate layer (batch dimension dropped); tensors missing here count as
     *               not spatial
     */
    public static DefaultLayerChoice of(OnnxGraph graph, Map<String, List<Long>> shapes) {
        Objects.requireNonNull(shapes, "shapes");
        Map<String, CandidateLayer> candidates = new LinkedHashMap<>();
        graph.candidateLayers().forEach(layer -> candidates.put(layer.name(), layer));
        Map<String, List<OnnxGraph.Node>> consumers = new HashMap<>();
        boolean joins = false;
        List<String> residualJoins = new ArrayList<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            node.inputs().forEach(input -> consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node));
            long branches = node.inputs().stream().filter(candidates::containsKey).distinct().count();
            if (branches >= 2 && !node.outputs().isEmpty() && candidates.containsKey(node.outputs().get(0))) {
                joins = true;
                if (RESIDUAL_JOINS.contains(node.opType()) && spatial(shapes, node.outputs().get(0))) {
                    residualJoins.add(node.outputs().get(0));
                }
            }
        }
        boolean pooling = candidates.values().stream().anyMatch(layer -> POOLING.contains(layer.opType()));
        Choosing choosing = new Choosing(graph.input().name(), candidates, consumers, shapes);
        if (!residualJoins.isEmpty()) {
            return new DefaultLayerChoice(Architecture.RESIDUAL, choosing.residual(residualJoins));
        }
        if (!joins && pooling) {
            return new DefaultLayerChoice(Architecture.PLAIN, choosing.plain());
        }
        return new DefaultLayerChoice(Architecture.OTHER, choosing.other());
    }

    /** Which rule was applied. */
    public Architecture architecture() {
        return architecture;
    }

    /** The chosen layer names, input first, in graph order. */
    public List<String> layers() {
        return layers;
    }

    private static boolean spatial(Map<String, List<Long>> shapes, String tensor) {
        List<Long> shape = shapes.get(tensor);
        return shape != null && shape.size() == SPATIAL_RANK;
    }

    /** The graph's tensors looked up by the three rules. */
    private record Choosing(String input, Map<String, CandidateLayer> candidates,
                            Map<String, List<OnnxGraph.Node>> consumers,
                            Map<String, List<Long>> shapes) {

        List<String> plain() {
            List<String> chosen = new ArrayList<>(List.of(input));
            for (CandidateLayer layer : candidates.values()) {
                if (POOLING.contains(layer.opType())) {
                    chosen.add(layer.name());
                }
            }
            chosen.addAll(denseOutputs(0));
            return inGraphOrder(chosen);
        }

        List<String> other() {
            Map<String, String> lastAtResolution = new LinkedHashMap<>();
            for (CandidateLayer layer : candidates.values()) {
                if (spatial(shapes, layer.name())) {
                    List<Long> shape = shapes.get(layer.name());
                    lastAtResolution.put(shape.get(1) + "x" + shape.get(2), layer.name());
                }
            }
            List<String> chosen = new ArrayList<>(List.of(input));
            chosen.addAll(lastAtResolution.values());
            chosen.addAll(denseOutputs(0));
            return inGraphOrder(chosen);
        }

        List<String> residual(List<String> joins) {
            int firstJoin = candidates.get(joins.get(0)).order();
            Map<String, String> lastBlockAtResolution = new LinkedHashMap<>();
            int lastBlock = 0;
            for (String join : joins) {
                String block = blockOutput(join);
                List<Long> shape = shapes.get(join);
                lastBlockAtResolution.put(shape.get(1) + "x" + shape.get(2), block);
                lastBlock = Math.max(lastBlock, candidates.get(block).order());
            }
            List<String> chosen = new ArrayList<>(List.of(input));
            candidates.values().stream()
                    .filter(layer -> layer.order() < firstJoin && POOLING.contains(layer.opType()))
                    .reduce((first, second) -> second)
                    .ifPresent(stem -> chosen.add(stem.name()));
            chosen.addAll(lastBlockAtResolution.values());
            for (CandidateLayer layer : candidates.values()) {
                if (layer.order() > lastBlock && POOLING.contains(layer.opType())) {
                    chosen.add(layer.name());
                }
            }
            chosen.addAll(denseOutputs(lastBlock + 1));
            return inGraphOrder(chosen);
        }

        /** The Add's output, or the activation that closes the block when it is the Add's only consumer. */
        private String blockOutput(String join) {
            List<OnnxGraph.Node> next = consumers.getOrDefault(join, List.of());
            if (next.size() == 1 && BLOCK_ACTIVATIONS.contains(next.get(0).opType())
                    && next.get(0).inputs().stream().filter(candidates::containsKey).count() == 1
                    && candidates.containsKey(next.get(0).outputs().get(0))) {
                return next.get(0).outputs().get(0);
            }
            return join;
        }

        /** Gemm and MatMul outputs at or after {@code fromOrder}; a MatMul followed by its bias Add gives the Add's. */
        private List<String> denseOutputs(int fromOrder) {
            List<String> dense = new ArrayList<>();
            for (CandidateLayer layer : candidates.values()) {
                if (layer.order() >= fromOrder && DENSE.contains(layer.opType())) {
                    dense.add(withBias(layer));
                }
            }
            return dense;
        }

        private String withBias(CandidateLayer layer) {
            List<OnnxGraph.Node> next = consumers.getOrDefault(layer.name(), List.of());
            if (layer.opType().equals("MatMul") && next.size() == 1 && next.get(0).opType().equals("Add")
                    && next.get(0).inputs().stream().filter(candidates::containsKey).count() == 1
                    && candidates.containsKey(next.get(0).outputs().get(0))) {
                return next.get(0).outputs().get(0);
            }
            return layer.name();
        }

        private List<String> inGraphOrder(List<String> chosen) {
            TreeSet<CandidateLayer> ordered = new TreeSet<>(java.util.Comparator.comparingInt(CandidateLayer::order));
            chosen.forEach(name -> ordered.add(candidates.get(name)));
            return ordered.stream().map(CandidateLayer::name).toList();
        }
    }
}
