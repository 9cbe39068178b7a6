package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.extraction.model.OnnxFixtures.CONV;
import static org.prunedistill.extraction.model.OnnxFixtures.FLATTEN;
import static org.prunedistill.extraction.model.OnnxFixtures.INPUT;
import static org.prunedistill.extraction.model.OnnxFixtures.LOGITS;
import static org.prunedistill.extraction.model.OnnxFixtures.POOL;
import static org.prunedistill.extraction.model.OnnxFixtures.RELU;
import static org.prunedistill.extraction.model.OnnxFixtures.RESHAPE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

class OnnxGraphTest {

    /** The fixture ends with its 6-byte opset_import field; every shorter cut ends inside the graph. */
    private static final int TRAILING_BYTES = 6;
    private static final double EXACT = 0.0;

    private final byte[] tiny = OnnxFixtures.tinyCnn();
    private final OnnxGraph graph = OnnxGraph.parse(tiny);

    @Test
    void readsInputsOutputsInitializersAndNodes() {
        assertEquals(8, graph.irVersion());
        assertEquals("tiny_cnn", graph.graphName());
        assertEquals(List.of(INPUT, "features.0.weight", "classifier.bias"),
                graph.inputs().stream().map(OnnxGraph.ValueInfo::name).toList());
        assertEquals(INPUT, graph.input().name());
        assertEquals(OnnxGraph.FLOAT, graph.input().elementType());
        assertEquals("[batch_size, 1, 4, 4]", graph.input().shape().toString());
        assertEquals(-1, graph.input().shape().get(0).size());
        assertEquals("batch_size", graph.input().shape().get(0).symbol());
        assertEquals(List.of(LOGITS), graph.outputs().stream().map(OnnxGraph.ValueInfo::name).toList());
        assertEquals(Set.of("features.0.weight", "features.0.bias", "classifier.weight", "classifier.bias"),
                graph.initializerNames());
        assertEquals(List.of("Conv", "Relu", "MaxPool", "Flatten", "Shape", "Constant", "Gather", "Constant",
                "Unsqueeze", "Constant", "Concat", "Reshape", "Gemm"),
                graph.nodes().stream().map(OnnxGraph.Node::opType).toList());
        OnnxGraph.Node conv = graph.nodes().get(0);
        assertEquals("/features/features.0/Conv", conv.name());
        assertEquals(List.of(INPUT, "features.0.weight", "features.0.bias"), conv.inputs());
        assertEquals(List.of(CONV), conv.outputs());
    }

    @Test
    void readsTheIntegerAttributesAnExporterWrote() {
        OnnxGraph.Node conv = graph.nodes().get(0);
        assertArrayEquals(new long[] {3, 3}, conv.ints("kernel_shape"));
        assertEquals(4, conv.ints("pads").length);
        assertArrayEquals(new long[] {2, 2}, graph.nodes().get(2).ints("strides"));
        assertArrayEquals(new long[] {1, 1}, conv.ints("dilations", 1, 1), "an absent attribute gives the fallback");
    }

    /** Packed repeated integers are as valid protobuf as unpacked ones; a string attribute is read as UTF-8. */
    @Test
    void readsPackedIntsAndStringAttributes() {
        byte[] strides = OnnxModelWriter.message(out -> {
            out.writeString(1, "strides");
            out.writeByteArray(8, OnnxModelWriter.message(packed -> {
                packed.writeInt64NoTag(2);
                packed.writeInt64NoTag(300);
            }));
            out.writeInt32(20, 7);
        });
        byte[] autoPad = OnnxModelWriter.message(out -> {
            out.writeString(1, "auto_pad");
            out.writeByteArray(4, "SAME_UPPER".getBytes(StandardCharsets.UTF_8));
            out.writeInt32(20, 3);
        });
        byte[] node = OnnxModelWriter.message(out -> {
            out.writeString(1, "x");
            out.writeString(2, "y");
            out.writeString(4, "MaxPool");
            out.writeByteArray(5, strides);
            out.writeByteArray(5, autoPad);
        });
        byte[] input = OnnxModelWriter.message(out -> out.writeString(1, "x"));
        byte[] graphBytes = OnnxModelWriter.message(out -> {
            out.writeByteArray(1, node);
            out.writeByteArray(11, input);
        });
        byte[] model = OnnxModelWriter.message(out -> {
            out.writeInt64(1, 8);
            out.writeByteArray(7, graphBytes);
        });
        OnnxGraph.Node pool = OnnxGraph.parse(model).nodes().get(0);
        assertArrayEquals(new long[] {2, 300}, pool.ints("strides"));
        assertEquals(Map.of("auto_pad", "SAME_UPPER"), pool.strings());
    }

    /** Pads and shapes reach nodes as small integer constants: Constant nodes (tensor or value_ints) or initializers. */
    @Test
    void readsSmallIntegerConstantsButNeverWeights() {
        byte[] int64Tensor = OnnxModelWriter.message(out -> {
            out.writeInt64(1, 3);
            out.writeInt32(2, 7);
            out.writeByteArray(7, OnnxModelWriter.message(packed -> {
                packed.writeInt64NoTag(0);
                packed.writeInt64NoTag(-2);
                packed.writeInt64NoTag(5);
            }));
        });
        byte[] valueAttribute = OnnxModelWriter.message(out -> {
            out.writeString(1, "value");
            out.writeByteArray(5, int64Tensor);
            out.writeInt32(20, 4);
        });
        byte[] constant = OnnxModelWriter.message(out -> {
            out.writeString(2, "pads_from_node");
            out.writeString(4, "Constant");
            out.writeByteArray(5, valueAttribute);
        });
        byte[] valueInts = OnnxModelWriter.message(out -> {
            out.writeString(2, "shape_from_ints");
            out.writeString(4, "Constant");
            out.writeByteArray(5, OnnxModelWriter.message(attribute -> {
                attribute.writeString(1, "value_ints");
                attribute.writeInt64(8, 1);
                attribute.writeInt64(8, -1);
                attribute.writeInt32(20, 7);
            }));
        });
        byte[] floatWeights = OnnxModelWriter.message(out -> {
            out.writeInt64(1, 2);
            out.writeInt32(2, 1);
            out.writeString(8, "weights");
            out.writeByteArray(9, new byte[8]);
        });
        byte[] int32Initializer = OnnxModelWriter.message(out -> {
            out.writeInt64(1, 2);
            out.writeInt32(2, 6);
            out.writeString(8, "axes");
            out.writeByteArray(9, new byte[] {2, 0, 0, 0, -1, -1, -1, -1});
        });
        byte[] input = OnnxModelWriter.message(out -> out.writeString(1, "x"));
        byte[] graphBytes = OnnxModelWriter.message(out -> {
            out.writeByteArray(1, constant);
            out.writeByteArray(1, valueInts);
            out.writeByteArray(5, floatWeights);
            out.writeByteArray(5, int32Initializer);
            out.writeByteArray(11, input);
        });
        OnnxGraph parsed = OnnxGraph.parse(OnnxModelWriter.message(out -> {
            out.writeInt64(1, 8);
            out.writeByteArray(7, graphBytes);
        }));
        assertArrayEquals(new long[] {0, -2, 5}, parsed.integers("pads_from_node").orElseThrow());
        assertArrayEquals(new long[] {1, -1}, parsed.integers("shape_from_ints").orElseThrow());
        assertArrayEquals(new long[] {2, -1}, parsed.integers("axes").orElseThrow());
        assertTrue(parsed.integers("weights").isEmpty(), "float tensors are never decoded");
        assertTrue(parsed.integers("x").isEmpty());
    }

    @Test
    void listsActivationsInGraphOrderWithoutShapePlumbing() {
        List<CandidateLayer> expected = List.of(
                new CandidateLayer(INPUT, CandidateLayer.INPUT_OP, 0, 0.0),
                new CandidateLayer(CONV, "Conv", 1, 0.5),
                new CandidateLayer(RELU, "Relu", 2, 0.5),
                new CandidateLayer(POOL, "MaxPool", 3, 0.5),
                new CandidateLayer(FLATTEN, "Flatten", 4, 0.5),
                new CandidateLayer(RESHAPE, "Reshape", 5, 0.5),
                new CandidateLayer(LOGITS, "Gemm", 6, 1.0));
        assertEquals(expected, graph.candidateLayers());
    }

    @Test
    void relativeDepthsAgreeWithTheBuiltinCnn() {
        BuiltinCnn cnn = BuiltinCnn.random(3L, 16, 4);
        Map<String, CandidateLayer> candidates = new HashMap<>();
        OnnxGraph.parse(cnn.onnxBytes()).candidateLayers().forEach(c -> candidates.put(c.name(), c));
        for (LayerInfo layer : cnn.layers()) {
            assertEquals(layer.relativeDepth(), candidates.get(layer.name()).relativeDepth(), EXACT, layer.name());
        }
    }

    @Test
    void withOutputsReplacesTheGraphOutputsByTheChosenTensors() throws IOException {
        byte[] edited = graph.withOutputs(List.of(POOL, CONV, POOL, LOGITS));
        assertEquals(List.of(POOL, CONV, LOGITS), OnnxWireReader.read(edited).outputs());
        OnnxGraph reparsed = OnnxGraph.parse(edited);
        assertEquals(graph.nodes(), reparsed.nodes());
        assertEquals(graph.inputs(), reparsed.inputs());
        assertEquals(graph.candidateLayers(), reparsed.candidateLayers());
        assertTrue(reparsed.outputs().stream().allMatch(o -> o.elementType() == OnnxGraph.FLOAT
                && o.shape().isEmpty()));
    }

    @Test
    void withOutputsCopiesTheWeightsByteForByte() throws IOException {
        byte[] edited = graph.withOutputs(List.of(RELU));
        Map<String, OnnxWireReader.Tensor> before = OnnxWireReader.read(tiny).initializers();
        Map<String, OnnxWireReader.Tensor> after = OnnxWireReader.read(edited).initializers();
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name).values(), after.get(name).values(), name);
            assertArrayEquals(before.get(name).dims(), after.get(name).dims(), name);
        }
        for (Map.Entry<String, OnnxWireReader.Tensor> weight : before.entrySet()) {
            float[] values = weight.getValue().values();
            ByteBuffer raw = ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(values);
            assertTrue(indexOf(edited, raw.array()) > 0, weight.getKey() + " raw_data not found unchanged");
        }
    }

    @Test
    void unknownOutputIsRefusedListingTheCandidates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> graph.withOutputs(List.of(RELU, "/Shape_output_0")));
        assertTrue(e.getMessage().contains("unknown layer '/Shape_output_0'"), e.getMessage());
        for (String name : graph.candidateNames()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> graph.withOutputs(List.of()));
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> graph.withOutputs(List.of(INPUT)));
        assertTrue(input.getMessage().contains("graph input"), input.getMessage());
    }

    @Test
    void longNameListsAreShortened() {
        List<String> names = IntStream.range(0, 120).mapToObj(i -> "t" + i).toList();
        String described = OnnxGraph.describeNames(names);
        assertTrue(described.contains("t49") && !described.contains("t50,") && !described.contains("t119"),
                described);
        assertTrue(described.endsWith("and 70 more (120 in all)"), described);
        assertEquals("[a, b]", OnnxGraph.describeNames(List.of("a", "b")));
    }

    @Test
    void truncatedModelsAreRefused() {
        for (int length = 1; length < tiny.length - TRAILING_BYTES; length++) {
            byte[] cut = Arrays.copyOf(tiny, length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxGraph.parse(cut),
                    "cut at " + length);
            assertTrue(e.getMessage().contains("ONNX") || e.getMessage().contains("graph"), e.getMessage());
        }
    }

    @Test
    void garbageIsRefusedAsNotAnOnnxModel() {
        List<byte[]> garbage = new ArrayList<>();
        garbage.add(new byte[0]);
        garbage.add(new byte[] {1, 2, 3, 4});
        garbage.add("{\"resize\": 224}".getBytes(StandardCharsets.UTF_8));
        garbage.add("hello, world".getBytes(StandardCharsets.UTF_8));
        SplittableRandom random = new SplittableRandom(5L);
        for (int i = 0; i < 50; i++) {
            byte[] noise = new byte[1 + random.nextInt(200)];
            random.nextBytes(noise);
            garbage.add(noise);
        }
        for (byte[] bytes : garbage) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxGraph.parse(bytes));
            assertTrue(e.getMessage().contains("not an ONNX model") || e.getMessage().contains("no graph"),
                    e.getMessage());
        }
    }

    @Test
    void modelWithoutGraphIsRefused() {
        byte[] irVersionOnly = {0x08, 0x08};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxGraph.parse(irVersionOnly));
        assertTrue(e.getMessage().contains("no graph"), e.getMessage());
    }

    @Test
    void externalDataIsRefusedAsUnsupported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxGraph.parse(OnnxFixtures.externalData()));
        assertTrue(e.getMessage().contains("'bias'") && e.getMessage().contains("external data")
                && e.getMessage().contains("unsupported"), e.getMessage());
    }

    @Test
    void twoImageInputsAreRefused() {
        byte[] twoInputs = OnnxModelWriter.graph("two")
                .input("a", Dim.of(1), Dim.of(1), Dim.of(2), Dim.of(2))
                .input("b", Dim.of(1), Dim.of(1), Dim.of(2), Dim.of(2))
                .node("Add", "add", List.of("a", "b"), List.of("sum"))
                .output("sum", Dim.of(1), Dim.of(1), Dim.of(2), Dim.of(2))
                .toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxGraph.parse(twoInputs));
        assertTrue(e.getMessage().contains("exactly one input") && e.getMessage().contains("[a, b]"),
                e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
