package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;
import org.prunedistill.extraction.model.OnnxReceptiveFields.Field;
import org.prunedistill.extraction.model.OnnxReceptiveFields.Global;
import org.prunedistill.extraction.model.OnnxReceptiveFields.Local;
import org.prunedistill.extraction.model.OnnxReceptiveFields.Unknown;

/**
 * The derived receptive fields against ground truth: ONNX Runtime runs the model on an image and on one copy per
 * pixel with that pixel raised; the pixels that change a position's output span exactly the derived window (clipped
 * to the image). Weights are positive, so no change cancels out.
 */
class OnnxReceptiveFieldsTest {

    private static final int SIDE = 23;
    private static final List<String> LAYERS = List.of("conv1", "pool1", "conv2", "sum", "flat", "logits");
    private static int interiorChecks;
    private static int[] unionOfLastLocalLayer;

    /**
     * conv 3 pad 1 -> relu -> maxpool 2 stride 2 ceil_mode -> conv 3 stride 2 dilation 2 pads (1, 2) -> (conv 1x1
     * | avgpool 2 SAME_LOWER) -> add -> flatten -> gemm.
     */
    private static byte[] model() {
        SplittableRandom random = new SplittableRandom(7);
        return OnnxModelWriter.graph("rf")
                .input("image", Dim.symbolic("N"), Dim.of(1), Dim.of(SIDE), Dim.of(SIDE))
                .output("logits", Dim.symbolic("N"), Dim.of(3))
                .initializer("w1", positive(random, 2 * 9), 2, 1, 3, 3)
                .initializer("w2", positive(random, 2 * 2 * 9), 2, 2, 3, 3)
                .initializer("w3", positive(random, 2 * 2), 2, 2, 1, 1)
                .initializer("wg", positive(random, 2 * 6 * 6 * 3), 2 * 6 * 6, 3)
                .node("Conv", "c1", List.of("image", "w1"), List.of("conv1"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("pads", 1, 1, 1, 1))
                .node("Relu", "r1", List.of("conv1"), List.of("relu1"))
                .node("MaxPool", "p1", List.of("relu1"), List.of("pool1"), Attribute.ofInts("kernel_shape", 2, 2),
                        Attribute.ofInts("strides", 2, 2), Attribute.ofInt("ceil_mode", 1))
                .node("Conv", "c2", List.of("pool1", "w2"), List.of("conv2"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("strides", 2, 2), Attribute.ofInts("dilations", 2, 2),
                        Attribute.ofInts("pads", 1, 1, 2, 2))
                .node("Conv", "c3", List.of("conv2", "w3"), List.of("branch_a"), Attribute.ofInts("kernel_shape", 1, 1))
                .node("AveragePool", "p2", List.of("conv2"), List.of("branch_b"),
                        Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofString("auto_pad", "SAME_LOWER"))
                .node("Add", "add", List.of("branch_a", "branch_b"), List.of("sum"))
                .node("Flatten", "flatten", List.of("sum"), List.of("flat"), Attribute.ofInt("axis", 1))
                .node("Gemm", "gemm", List.of("flat", "wg"), List.of("logits"))
                .toBytes();
    }

    /** A random positive image, then one copy per pixel with that pixel raised by 100: pixels + 1 images. */
    private static float[] perturbedImages(int pixels, long seed) {
        float[] batch = new float[(pixels + 1) * pixels];
        float[] base = positive(new SplittableRandom(seed), pixels);
        for (int image = 0; image <= pixels; image++) {
            System.arraycopy(base, 0, batch, image * pixels, pixels);
            if (image > 0) {
                batch[image * pixels + image - 1] += 100f;
            }
        }
        return batch;
    }

    private static float[] positive(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (0.1 + random.nextDouble());
        }
        return values;
    }

    @Test
    void derivedWindowsAreExactlyThePixelsThatMoveEachPosition() {
        byte[] onnx = model();
        OnnxGraph graph = OnnxGraph.parse(onnx);
        OnnxReceptiveFields fields = OnnxReceptiveFields.of(graph, SIDE);
        assertEquals(new Local(SIDE, 1, -1, 3), fields.field("conv1"));
        assertEquals(new Local(12, 2, -1, 4), fields.field("pool1"), "ceil_mode keeps a 12th, partial window");
        // Dilated 3-tap kernel spans 5 positions of pool1 (jump 2): window 4 + 4 x 2; 1 padded position before.
        assertEquals(new Local(6, 4, -3, 12), fields.field("conv2"));
        // SAME_LOWER pads the 2-wide pool 1 before: window 12 + 4, offset -3 - 4; the 1x1 branch lies inside.
        assertEquals(new Local(6, 4, -7, 16), fields.field("sum"), "the union of the 1x1 and the pooled branch");
        assertEquals(new Local(6, 4, -7, 16, true), fields.field("flat"), "flattening keeps each unit's window");
        assertInstanceOf(Global.class, fields.field("logits"));

        int pixels = SIDE * SIDE;
        float[] batch = perturbedImages(pixels, 11);
        try (OnnxActivations session = new OnnxActivations(graph.withOutputs(LAYERS))) {
            Map<String, float[][]> out = session.run(batch, pixels + 1, 1, SIDE, SIDE, LAYERS);
            for (String layer : LAYERS) {
                assertWindowsMatch(layer, fields.field(layer), out.get(layer));
            }
        }
        assertTrue(interiorChecks > 500, "windows inside the image compared exactly: " + interiorChecks);
    }

    private static void assertWindowsMatch(String layer, Field field, float[][] outputs) {
        int size = field instanceof Local local ? local.size() : 1;
        int positions = size * size;
        int units = outputs[0].length;
        assertEquals(0, units % positions, layer + ": " + units + " units on " + positions + " positions");
        int channels = units / positions;
        int[] unionOfLayer = {SIDE, -1, SIDE, -1};
        for (int position = 0; position < positions; position++) {
            int minRow = SIDE;
            int maxRow = -1;
            int minCol = SIDE;
            int maxCol = -1;
            for (int pixel = 0; pixel < SIDE * SIDE; pixel++) {
                boolean moved = false;
                for (int c = 0; c < channels && !moved; c++) {
                    float before = outputs[0][c * positions + position];
                    float after = outputs[pixel + 1][c * positions + position];
                    moved = Math.abs(after - before) > 1e-3f * (1f + Math.abs(before));
                }
                if (moved) {
                    minRow = Math.min(minRow, pixel / SIDE);
                    maxRow = Math.max(maxRow, pixel / SIDE);
                    minCol = Math.min(minCol, pixel % SIDE);
                    maxCol = Math.max(maxCol, pixel % SIDE);
                }
            }
            int[] moved = {minRow, maxRow, minCol, maxCol};
            if (field instanceof Local local) {
                assertAxis(layer, position, "rows", local, position / size, minRow, maxRow);
                assertAxis(layer, position, "columns", local, position % size, minCol, maxCol);
            } else {
                // A dense layer reads every unit below it: it sees what all of them see together.
                assertEquals(java.util.Arrays.toString(unionOfLastLocalLayer), java.util.Arrays.toString(moved),
                        layer + " position " + position + " sees what the whole layer below sees");
            }
            unionOfLayer[0] = Math.min(unionOfLayer[0], minRow);
            unionOfLayer[1] = Math.max(unionOfLayer[1], maxRow);
            unionOfLayer[2] = Math.min(unionOfLayer[2], minCol);
            unionOfLayer[3] = Math.max(unionOfLayer[3], maxCol);
        }
        if (field instanceof Local) {
            unionOfLastLocalLayer = unionOfLayer;
        }
    }

    /**
     * Along one axis: the pixels that move the position lie in its derived window, and span all of it when the window
     * lies inside the image. (At the border the derived window is the theoretical one, which counts the taps that
     * fall into an intermediate layer's padding, as for the built-in CNN: those see nothing.)
     */
    private static void assertAxis(String layer, int position, String axis, Local local, int cell, int min,
                                   int max) {
        long from = local.offset() + cell * local.jump();
        long to = from + local.window();
        String where = layer + " position " + position + ", " + axis + " " + min + ".." + max + " move it, window ["
                + from + ", " + to + ")";
        assertTrue(min >= clip(from, SIDE) && max < clip(to, SIDE), where);
        if (from >= 0 && to <= SIDE) {
            assertEquals(from, min, where);
            assertEquals(to - 1, max, where);
            interiorChecks++;
        }
    }

    /**
     * torchvision's AlexNet (the paper's network) at 224 px: the published receptive fields of its layers, 11, 19,
     * 51, 67, 99, 131, 163 and 195 pixels at jumps 4, 8, 8, 16, 16, 16, 16 and 32 (Araujo et al. 2019, "Computing
     * receptive fields of convolutional neural networks", Distill, table of AlexNet), and its feature map sides 55,
     * 27, 27, 13, 13, 13, 13, 6.
     */
    @Test
    void alexNetLayersHaveTheirPublishedReceptiveFields() {
        OnnxModelWriter model = OnnxModelWriter.graph("alexnet")
                .input("image", Dim.symbolic("N"), Dim.of(3), Dim.of(224), Dim.of(224))
                .output("fc8", Dim.symbolic("N"), Dim.of(1000));
        String previous = "image";
        Object[][] features = {
                {"Conv", "conv1", 11, 4, 2}, {"MaxPool", "pool1", 3, 2, 0}, {"Conv", "conv2", 5, 1, 2},
                {"MaxPool", "pool2", 3, 2, 0}, {"Conv", "conv3", 3, 1, 1}, {"Conv", "conv4", 3, 1, 1},
                {"Conv", "conv5", 3, 1, 1}, {"MaxPool", "pool5", 3, 2, 0}};
        for (Object[] layer : features) {
            int k = (int) layer[2];
            int stride = (int) layer[3];
            int pad = (int) layer[4];
            List<String> inputs = layer[0].equals("Conv") ? List.of(previous, layer[1] + ".weight") : List.of(previous);
            model.node((String) layer[0], (String) layer[1], inputs, List.of((String) layer[1]),
                    Attribute.ofInts("kernel_shape", k, k), Attribute.ofInts("strides", stride, stride),
                    Attribute.ofInts("pads", pad, pad, pad, pad));
            previous = (String) layer[1];
        }
        model.node("Flatten", "flatten", List.of("pool5"), List.of("flat"), Attribute.ofInt("axis", 1))
                .node("Gemm", "fc6", List.of("flat", "fc6.weight"), List.of("fc6"))
                .node("Relu", "relu6", List.of("fc6"), List.of("relu6"))
                .node("Gemm", "fc8", List.of("relu6", "fc8.weight"), List.of("fc8"));
        OnnxReceptiveFields fields = OnnxReceptiveFields.of(OnnxGraph.parse(model.toBytes()), 224);
        int[][] expected = {{55, 4, 11}, {27, 8, 19}, {27, 8, 51}, {13, 16, 67}, {13, 16, 99}, {13, 16, 131},
                {13, 16, 163}, {6, 32, 195}};
        for (int i = 0; i < features.length; i++) {
            Local local = assertInstanceOf(Local.class, fields.field((String) features[i][1]), (String) features[i][1]);
            assertEquals(List.of(expected[i][0], (long) expected[i][1], (long) expected[i][2]),
                    List.of(local.size(), local.jump(), local.window()), (String) features[i][1]);
        }
        assertInstanceOf(Global.class, fields.field("fc6"));
        assertInstanceOf(Global.class, fields.field("fc8"));
        // Padding 2 + 2 x 8 + 3 x 16 pixels before the first window; its centre, -66 + 97 = 31, and the sixth's,
        // 31 + 5 x 32 = 191, lie symmetrically about the image centre 111.5 (to a pixel, from the floored sizes).
        assertEquals(java.util.Optional.of(new UnitGrid(6, 6, 32, -66, 195)), fields.grid("pool5", 256 * 36, 224));
        assertEquals(java.util.Optional.of(UnitGrid.wholeImage(224)), fields.grid("fc8", 1000, 224));
        assertEquals(java.util.Optional.empty(), fields.grid("pool5", 1000, 224), "1000 units cannot lie on 36 cells");
    }

    /**
     * An explicit Pad before a VALID convolution and pool (as TensorFlow exports "same" padding and Keras'
     * ZeroPadding2D): the windows shift as for the convolution's own pads, checked against ONNX Runtime as above.
     */
    @Test
    void anExplicitPadShiftsTheWindowsLikeAConvolutionsOwnPads() {
        int side = 11;
        SplittableRandom random = new SplittableRandom(5);
        byte[] onnx = OnnxModelWriter.graph("padded")
                .input("image", Dim.symbolic("N"), Dim.of(1), Dim.of(side), Dim.of(side))
                .output("pool", Dim.symbolic("N"), Dim.of(1), Dim.of(6), Dim.of(6))
                .integerInitializer("pads", 0, 0, 2, 2, 0, 0, 1, 1)
                .initializer("w", positive(random, 9), 1, 1, 3, 3)
                .node("Pad", "pad", List.of("image", "pads"), List.of("padded"), Attribute.ofString("mode", "constant"))
                .node("Conv", "conv", List.of("padded", "w"), List.of("conv"), Attribute.ofInts("kernel_shape", 3, 3))
                .node("AveragePool", "pool", List.of("conv"), List.of("pool"), Attribute.ofInts("kernel_shape", 2, 2),
                        Attribute.ofInts("strides", 2, 2))
                .toBytes();
        OnnxGraph graph = OnnxGraph.parse(onnx);
        assertEquals(List.of(0L, 0L, 2L, 2L, 0L, 0L, 1L, 1L),
                java.util.Arrays.stream(graph.integers("pads").orElseThrow()).boxed().toList());
        OnnxReceptiveFields fields = OnnxReceptiveFields.of(graph, side);
        assertEquals(new Local(14, 1, -2, 1), fields.field("padded"));
        assertEquals(new Local(12, 1, -2, 3), fields.field("conv"));
        assertEquals(new Local(6, 2, -2, 4), fields.field("pool"));

        int pixels = side * side;
        float[] batch = perturbedImages(pixels, 13);
        try (OnnxActivations session = new OnnxActivations(graph.withOutputs(List.of("conv", "pool")))) {
            Map<String, float[][]> out = session.run(batch, pixels + 1, 1, side, side, List.of("conv", "pool"));
            for (String layer : List.of("conv", "pool")) {
                Local local = (Local) fields.field(layer);
                for (int position = 0; position < local.size() * local.size(); position++) {
                    int[] moved = movedBox(out.get(layer), position, side);
                    long rowFrom = local.offset() + position / local.size() * local.jump();
                    long colFrom = local.offset() + position % local.size() * local.jump();
                    assertEquals(List.of(clip(rowFrom, side), clip(rowFrom + local.window(), side) - 1,
                                    clip(colFrom, side), clip(colFrom + local.window(), side) - 1),
                            List.of(moved[0], moved[1], moved[2], moved[3]), layer + " position " + position);
                }
            }
        }
    }

    /** Rows and columns (min, max) of the pixels whose rise moves the output at one position (one channel). */
    static int[] movedBox(float[][] outputs, int position, int side) {
        int[] box = {side, -1, side, -1};
        for (int pixel = 0; pixel < side * side; pixel++) {
            float before = outputs[0][position];
            if (Math.abs(outputs[pixel + 1][position] - before) > 1e-3f * (1f + Math.abs(before))) {
                box[0] = Math.min(box[0], pixel / side);
                box[1] = Math.max(box[1], pixel / side);
                box[2] = Math.min(box[2], pixel % side);
                box[3] = Math.max(box[3], pixel % side);
            }
        }
        return box;
    }

    static int clip(long pixel, int side) {
        return (int) Math.max(0, Math.min(side, pixel));
    }

    @Test
    void whatIsNotModelledIsUnknownNamingTheNode() {
        byte[] onnx = OnnxModelWriter.graph("odd")
                .input("image", Dim.of(1), Dim.of(1), Dim.of(8), Dim.of(8))
                .output("out", Dim.of(1), Dim.of(1), Dim.of(8), Dim.of(4))
                .initializer("w", new float[6], 1, 1, 2, 3)
                .node("Conv", "wide", List.of("image", "w"), List.of("wide_out"), Attribute.ofInts("kernel_shape", 2, 3))
                .node("Relu", "after", List.of("wide_out"), List.of("relu_out"))
                .node("Transpose", "turn", List.of("image"), List.of("turned"), Attribute.ofInts("perm", 0, 1, 3, 2))
                .node("GlobalAveragePool", "gap", List.of("turned"), List.of("pooled"))
                .node("Conv", "nokernel", List.of("image", "w"), List.of("out"))
                .node("Flatten", "flatten", List.of("image"), List.of("flat"))
                .node("MaxPool", "late", List.of("flat"), List.of("late_out"), Attribute.ofInts("kernel_shape", 2, 2))
                .node("MaxPool", "huge", List.of("image"), List.of("huge_out"), Attribute.ofInts("kernel_shape", 2, 2),
                        Attribute.ofInts("pads", 1L << 62, 1L << 62, 1L << 62, 1L << 62))
                .toBytes();
        OnnxReceptiveFields fields = OnnxReceptiveFields.of(OnnxGraph.parse(onnx), 8);
        Unknown wide = assertInstanceOf(Unknown.class, fields.field("relu_out"));
        assertTrue(wide.reason().startsWith("Conv node 'wide' has a non-square window"), wide.reason());
        Unknown turned = assertInstanceOf(Unknown.class, fields.field("turned"));
        assertEquals("Transpose node 'turn' op Transpose is not modelled", turned.reason());
        assertInstanceOf(Unknown.class, fields.field("pooled"), "unknown stays unknown downstream");
        assertEquals("Conv node 'nokernel' has no kernel_shape attribute",
                ((Unknown) fields.field("out")).reason());
        assertTrue(((Unknown) fields.field("nothing")).reason().contains("'nothing' does not depend on the image"));
        assertEquals("MaxPool node 'late' slides a window over a reshaped tensor",
                ((Unknown) fields.field("late_out")).reason());
        assertEquals(java.util.Optional.empty(), fields.grid("late_out", 16, 8));
        assertTrue(((Unknown) fields.field("huge_out")).reason().startsWith("MaxPool node 'huge' has a window, stride"
                + " or pads too large to compute with"), ((Unknown) fields.field("huge_out")).reason());
    }
}
