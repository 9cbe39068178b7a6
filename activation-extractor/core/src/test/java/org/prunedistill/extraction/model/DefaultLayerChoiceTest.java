package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;
import org.prunedistill.extraction.model.OnnxReceptiveFields.Global;
import org.prunedistill.extraction.model.OnnxReceptiveFields.Local;

/**
 * Ansuini's choice of layers read from the graph (SCIENCE.md 1), with the shapes, depths and receptive fields that
 * {@code ./pd layers} lists, on ResNet-18- and ResNet-50-shaped models exported the torchvision way (only the logits are
 * outputs), the built-in CNN (plain) and a strided network without pooling (other).
 */
class DefaultLayerChoiceTest {

    private static final int SIDE = 112;
    private static final int WIDTH = 4;
    private static final double EXACT = 0.0;
    private static final ModelPreprocessing AT_112 = new ModelPreprocessing(128, SIDE, 3,
            ModelPreprocessing.ChannelOrder.RGB, 1.0, List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));

    private static final ResNetOnnx RESNET = ResNetOnnx.resNet18Shaped(SIDE, WIDTH, 10, 3);
    private static final ResNetOnnx RESNET50 = ResNetOnnx.resNet50Shaped(SIDE, WIDTH, 10, 5);

    @Test
    void aResNetIsProbedAtItsStemPoolingEveryStageOutputTheGlobalPoolingAndTheLogits() {
        LayerCatalog catalog = ImportedModel.of("resnet18", RESNET.toBytes(), AT_112).layerCatalog(1);
        assertEquals(DefaultLayerChoice.Architecture.RESIDUAL, catalog.architecture());
        assertEquals(List.of(ResNetOnnx.INPUT, "/maxpool/MaxPool_output_0", RESNET.stageOutput(1),
                RESNET.stageOutput(2), RESNET.stageOutput(3), RESNET.stageOutput(4),
                "/avgpool/GlobalAveragePool_output_0", ResNetOnnx.LOGITS), catalog.defaults());
        assertEquals("/layer1/layer1.1/relu_1/Relu_output_0", RESNET.stageOutput(1));
    }

    /**
     * Depth counts the convolutions and dense layers on the deepest path: ResNet-18's 17 convolutions and its dense
     * layer, the shortcut projections not counted. Fields by hand: conv1 7/2 pad 3 (window 7, jump 2, offset -3),
     * max pool 3/2 pad 1 (11, 4, -5); each 3x3 convolution adds 2 jumps to the window and takes one from the offset,
     * the first of a stage doubles the jump after that; a stage's shortcut lies inside the main branch's window.
     * These are torchvision ResNet-18's published fields: 43, 99, 211 and 435 pixels.
     */
    @Test
    void stageOutputsHaveTheirShapesDepthsAndHandComputedReceptiveFields() {
        Map<String, LayerCatalog.Entry> entries = new LinkedHashMap<>();
        ImportedModel.of("resnet18", RESNET.toBytes(), AT_112).layerCatalog(1).layers()
                .forEach(entry -> entries.put(entry.layer().name(), entry));
        assertLayer(entries.get(ResNetOnnx.INPUT), List.of(3L, 112L, 112L), 0, new Local(112, 1, 0, 1));
        assertLayer(entries.get("/maxpool/MaxPool_output_0"), List.of(4L, 28L, 28L), 1, new Local(28, 4, -5, 11));
        assertLayer(entries.get(RESNET.stageOutput(1)), List.of(4L, 28L, 28L), 5, new Local(28, 4, -21, 43));
        assertLayer(entries.get(RESNET.stageOutput(2)), List.of(8L, 14L, 14L), 9, new Local(14, 8, -49, 99));
        assertLayer(entries.get(RESNET.stageOutput(3)), List.of(16L, 7L, 7L), 13, new Local(7, 16, -105, 211));
        assertLayer(entries.get(RESNET.stageOutput(4)), List.of(32L, 4L, 4L), 17, new Local(4, 32, -217, 435));
        assertLayer(entries.get("/avgpool/GlobalAveragePool_output_0"), List.of(32L, 1L, 1L), 17, new Global());
        assertLayer(entries.get(ResNetOnnx.LOGITS), List.of(10L), 18, new Global());
        assertEquals(false, entries.get("/layer1/layer1.1/Add_output_0").isDefault(), "the Add before the ReLU");
        assertEquals(6.0 / 18, entries.get("/layer2/layer2.0/downsample/downsample.0/Conv_output_0").layer()
                .relativeDepth(), EXACT, "a projection sits one convolution above the stage it reads");
    }

    @Test
    void aBottleneckResNetIsProbedAtTheOutputsOfItsFourStagesOfBottlenecks() {
        LayerCatalog catalog = ImportedModel.of("resnet50", RESNET50.toBytes(), AT_112).layerCatalog(1);
        assertEquals(DefaultLayerChoice.Architecture.RESIDUAL, catalog.architecture());
        assertEquals(List.of(ResNetOnnx.INPUT, "/maxpool/MaxPool_output_0", RESNET50.stageOutput(1),
                RESNET50.stageOutput(2), RESNET50.stageOutput(3), RESNET50.stageOutput(4),
                "/avgpool/GlobalAveragePool_output_0", ResNetOnnx.LOGITS), catalog.defaults());
        assertEquals("/layer3/layer3.5/relu_2/Relu_output_0", RESNET50.stageOutput(3));
    }

    /**
     * ResNet-50 has 50 weighted layers on its deepest path: conv1, three convolutions in each of 3 + 4 + 6 + 3
     * bottlenecks, the dense layer. Fields by hand: the stem as in ResNet-18 (window 11, jump 4); only a bottleneck's
     * 3x3 convolution widens the window, by 2 jumps, and the first of stages 2 to 4 doubles the jump after it (the
     * stride sits on the 3x3, as in torchvision's v1.5); 11 + 3 x 8 = 35, + 4 x 8 x 2 - 8 = 91 ... These are
     * torchvision ResNet-50's published fields: 35, 91, 267 and 427 pixels. The shapes are what ONNX Runtime
     * reports, stage outputs 4 times the stage's width.
     */
    @Test
    void bottleneckStagesHaveTheirShapesDepthsAndHandComputedReceptiveFields() {
        Map<String, LayerCatalog.Entry> entries = new LinkedHashMap<>();
        ImportedModel.of("resnet50", RESNET50.toBytes(), AT_112).layerCatalog(1).layers()
                .forEach(entry -> entries.put(entry.layer().name(), entry));
        int depth = 50;
        assertLayer(entries.get(ResNetOnnx.INPUT), List.of(3L, 112L, 112L), 0, depth, new Local(112, 1, 0, 1));
        assertLayer(entries.get("/maxpool/MaxPool_output_0"), List.of(4L, 28L, 28L), 1, depth,
                new Local(28, 4, -5, 11));
        assertLayer(entries.get(RESNET50.stageOutput(1)), List.of(16L, 28L, 28L), 10, depth,
                new Local(28, 4, -17, 35));
        assertLayer(entries.get(RESNET50.stageOutput(2)), List.of(32L, 14L, 14L), 22, depth,
                new Local(14, 8, -45, 91));
        assertLayer(entries.get(RESNET50.stageOutput(3)), List.of(64L, 7L, 7L), 40, depth,
                new Local(7, 16, -133, 267));
        assertLayer(entries.get(RESNET50.stageOutput(4)), List.of(128L, 4L, 4L), 49, depth,
                new Local(4, 32, -213, 427));
        assertLayer(entries.get("/avgpool/GlobalAveragePool_output_0"), List.of(128L, 1L, 1L), 49, depth,
                new Global());
        assertLayer(entries.get(ResNetOnnx.LOGITS), List.of(10L), depth, depth, new Global());
        assertEquals(false, entries.get("/layer1/layer1.2/Add_output_0").isDefault(), "the Add before the ReLU");
        assertEquals(false, entries.get("/layer1/layer1.2/relu_1/Relu_output_0").isDefault(), "inside the block");
        assertEquals(11.0 / depth, entries.get("/layer2/layer2.0/downsample/downsample.0/Conv_output_0").layer()
                .relativeDepth(), EXACT, "a projection sits one convolution above the stage it reads");
    }

    private static void assertLayer(LayerCatalog.Entry entry, List<Long> shape, int weightedOnPath,
                                    OnnxReceptiveFields.Field field) {
        assertLayer(entry, shape, weightedOnPath, 18, field);
    }

    private static void assertLayer(LayerCatalog.Entry entry, List<Long> shape, int weightedOnPath, int depth,
                                    OnnxReceptiveFields.Field field) {
        String name = entry.layer().name();
        assertEquals(shape, entry.shape(), name);
        assertEquals((double) weightedOnPath / depth, entry.layer().relativeDepth(), EXACT, name);
        assertEquals(field, entry.field(), name);
        assertEquals(true, entry.isDefault(), name);
    }

    @Test
    void depthFollowsTheDeepestBranchWhateverOrderTheShortcutIsWrittenIn() {
        for (boolean shortcutFirst : new boolean[] {false, true}) {
            OnnxGraph graph = OnnxGraph.parse(block(shortcutFirst));
            Map<String, Double> depths = new LinkedHashMap<>();
            graph.candidateLayers().forEach(layer -> depths.put(layer.name(), layer.relativeDepth()));
            assertEquals(Map.of("x", 0.0, "a", 1.0 / 3, "b", 2.0 / 3, "shortcut", 1.0 / 3, "sum", 2.0 / 3,
                    "flat", 2.0 / 3, "logits", 1.0), depths, "shortcut first: " + shortcutFirst);
        }
    }

    /** conv a -> conv b, plus a 1x1 projection of x, added, then a dense layer: three weighted ops deep. */
    private static byte[] block(boolean shortcutFirst) {
        OnnxModelWriter model = OnnxModelWriter.graph("block")
                .input("x", Dim.symbolic("N"), Dim.of(1), Dim.of(4), Dim.of(4))
                .output("logits", Dim.symbolic("N"), Dim.of(2))
                .initializer("wa", new float[9], 1, 1, 3, 3).initializer("wb", new float[9], 1, 1, 3, 3)
                .initializer("ws", new float[1], 1, 1, 1, 1).initializer("wd", new float[32], 16, 2);
        Runnable shortcut = () -> model.node("Conv", "s", List.of("x", "ws"), List.of("shortcut"),
                Attribute.ofInts("kernel_shape", 1, 1));
        if (shortcutFirst) {
            shortcut.run();
        }
        model.node("Conv", "a", List.of("x", "wa"), List.of("a"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("pads", 1, 1, 1, 1))
                .node("Conv", "b", List.of("a", "wb"), List.of("b"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("pads", 1, 1, 1, 1));
        if (!shortcutFirst) {
            shortcut.run();
        }
        return model.node("Add", "add", List.of("b", "shortcut"), List.of("sum"))
                .node("Flatten", "flatten", List.of("sum"), List.of("flat"), Attribute.ofInt("axis", 1))
                .node("MatMul", "dense", List.of("flat", "wd"), List.of("logits"))
                .toBytes();
    }

    @Test
    void aPlainNetworkIsProbedAtEveryPoolingAndEveryDenseOutputBeforeItsActivation() {
        BuiltinCnn cnn = BuiltinCnn.random(1, 32, 6);
        ModelPreprocessing grey = new ModelPreprocessing(32, 32, 1, ModelPreprocessing.ChannelOrder.RGB, 1.0,
                List.of(0.0), List.of(1.0));
        LayerCatalog catalog = ImportedModel.of("builtin", cnn.onnxBytes(), grey).layerCatalog(1);
        assertEquals(DefaultLayerChoice.Architecture.PLAIN, catalog.architecture());
        assertEquals(List.of("pixels", "pool1", "pool2", "fc1_linear", "logits"), catalog.defaults());
    }

    /**
     * Strided convolutions without pooling: the last tensor at each resolution (the ReLU after each convolution) and
     * the dense output after its bias Add. Shapes are given by hand, as ONNX Runtime would report them.
     */
    @Test
    void anyOtherNetworkIsProbedAtTheLastTensorOfEachResolutionAndItsDenseOutputsWithTheirBias() {
        byte[] strided = OnnxModelWriter.graph("strided")
                .input("x", Dim.symbolic("N"), Dim.of(1), Dim.of(8), Dim.of(8))
                .output("out", Dim.symbolic("N"), Dim.of(3))
                .initializer("w1", new float[9], 1, 1, 3, 3).initializer("w2", new float[9], 1, 1, 3, 3)
                .initializer("wd", new float[48], 16, 3).initializer("bd", new float[3], 3)
                .node("Conv", "c1", List.of("x", "w1"), List.of("c1"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("pads", 1, 1, 1, 1))
                .node("Relu", "r1", List.of("c1"), List.of("r1"))
                .node("Conv", "c2", List.of("r1", "w2"), List.of("c2"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("pads", 1, 1, 1, 1), Attribute.ofInts("strides", 2, 2))
                .node("Relu", "r2", List.of("c2"), List.of("r2"))
                .node("Flatten", "flatten", List.of("r2"), List.of("flat"), Attribute.ofInt("axis", 1))
                .node("MatMul", "dense", List.of("flat", "wd"), List.of("product"))
                .node("Add", "bias", List.of("product", "bd"), List.of("out"))
                .toBytes();
        Map<String, List<Long>> shapes = Map.of("x", List.of(1L, 8L, 8L), "c1", List.of(1L, 8L, 8L),
                "r1", List.of(1L, 8L, 8L), "c2", List.of(1L, 4L, 4L), "r2", List.of(1L, 4L, 4L),
                "flat", List.of(16L), "product", List.of(3L), "out", List.of(3L));
        DefaultLayerChoice choice = DefaultLayerChoice.of(OnnxGraph.parse(strided), shapes);
        assertEquals(DefaultLayerChoice.Architecture.OTHER, choice.architecture());
        assertEquals(List.of("x", "r1", "r2", "out"), choice.layers());
    }
}
