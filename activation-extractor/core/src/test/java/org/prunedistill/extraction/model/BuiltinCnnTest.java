package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinCnnTest {

    private static final long SEED = 7L;
    private static final int SIZE = 32;
    private static final int CLASSES = 6;
    /** With 1152 conv2 weights the sample SD is within a few percent of the He value sqrt(2 / 72). */
    private static final double HE_SD_RELATIVE_TOLERANCE = 0.1;
    private static final double DEPTH_TOLERANCE = 1e-12;
    private static final long PYTHON_TIMEOUT_SECONDS = 60;
    private static final String PYTHON = "/usr/bin/python3";

    private final BuiltinCnn cnn = BuiltinCnn.random(SEED, SIZE, CLASSES);

    @Test
    void sameSeedWritesTheSameBytesAndHash() {
        BuiltinCnn again = BuiltinCnn.random(SEED, SIZE, CLASSES);
        assertArrayEquals(cnn.onnxBytes(), again.onnxBytes());
        assertEquals(cnn.sha256(), again.sha256());
        assertTrue(cnn.sha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void randomWeightsAndBytesStayThoseOfTheFirstRelease() {
        assertEquals("7a2d9f591293613c3ea9160f4f11d043ecc6f9cf39e265774e23f7d7a65e0596", cnn.sha256());
        assertEquals("106632e831df23f2d10798d3fdd0b7bc330d066d88e0762fc1c030f0556aebc1",
                BuiltinCnn.random(-3, 64, 10).sha256());
    }

    @Test
    void fromWeightsWritesTheSameModelAsRandomForTheSameWeights() {
        CnnWeights weights = CnnWeights.heNormal(SEED, SIZE, CLASSES);
        BuiltinCnn given = BuiltinCnn.fromWeights(weights, SEED);
        assertArrayEquals(cnn.onnxBytes(), given.onnxBytes());
        assertEquals(cnn.layers(), given.layers());
        assertArrayEquals(weights.fc1Weight(), cnn.weights().fc1Weight());
    }

    @Test
    void weightsWithWrongLengthsAreRejectedNamingTheArray() {
        CnnWeights w = CnnWeights.heNormal(SEED, SIZE, CLASSES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CnnWeights(SIZE, CLASSES, w.conv1Weight(), w.conv1Bias(), w.conv2Weight(), w.conv2Bias(),
                        new float[3], w.fc1Bias(), w.logitsWeight(), w.logitsBias()));
        assertTrue(e.getMessage().contains("fc1Weight"));
    }

    @Test
    void differentSeedsWriteDifferentModels() {
        BuiltinCnn other = BuiltinCnn.random(SEED + 1, SIZE, CLASSES);
        assertFalse(Arrays.equals(cnn.onnxBytes(), other.onnxBytes()));
        assertNotEquals(cnn.sha256(), other.sha256());
    }

    @Test
    void writesIrEightOpsetThirteenProducerAndTheGraph() throws IOException {
        OnnxWireReader.Model model = OnnxWireReader.read(cnn.onnxBytes());
        assertEquals(8, model.irVersion());
        assertEquals("prune-distill", model.producer());
        assertEquals(13, model.opsetVersion());
        assertEquals(List.of("Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm"),
                model.opTypes());
        assertEquals(List.of("pixels"), model.inputs());
        assertEquals(List.of("pool1", "pool2", "fc1", "logits"), model.outputs());
        assertArrayEquals(new long[] {64, 16 * 8 * 8}, model.initializers().get("fc1.weight").dims());
    }

    @Test
    void weightsAreHeNormalAndBiasesZero() throws IOException {
        OnnxWireReader.Model model = OnnxWireReader.read(cnn.onnxBytes());
        float[] conv2 = model.initializers().get("conv2.weight").values();
        double sumSquares = 0.0;
        for (float w : conv2) {
            sumSquares += w * w;
        }
        double expected = Math.sqrt(2.0 / (8 * 3 * 3));
        assertEquals(expected, Math.sqrt(sumSquares / conv2.length), expected * HE_SD_RELATIVE_TOLERANCE);
        for (String bias : List.of("conv1.bias", "conv2.bias", "fc1.bias", "logits.bias")) {
            for (float b : model.initializers().get(bias).values()) {
                assertEquals(0f, b, bias);
            }
        }
    }

    @Test
    void layersCarryOrderRelativeDepthAndUnits() {
        List<LayerInfo> layers = cnn.layers();
        assertEquals(List.of("pixels", "pool1", "pool2", "fc1", "logits"),
                layers.stream().map(LayerInfo::name).toList());
        double[] depths = {0.0, 0.25, 0.5, 0.75, 1.0};
        int[] units = {32 * 32, 8 * 16 * 16, 16 * 8 * 8, 64, CLASSES};
        for (int i = 0; i < layers.size(); i++) {
            assertEquals(i, layers.get(i).order());
            assertEquals(depths[i], layers.get(i).relativeDepth(), DEPTH_TOLERANCE);
            assertEquals(units[i], layers.get(i).units());
        }
    }

    @Test
    void oddImageSizesRoundPooledMapsDown() {
        List<LayerInfo> layers = BuiltinCnn.random(SEED, 30, 3).layers();
        assertEquals(8 * 15 * 15, layers.get(1).units());
        assertEquals(16 * 7 * 7, layers.get(2).units());
        assertEquals(3, layers.get(4).units());
    }

    @Test
    void rejectsBadArgumentsNamingTheParameter() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> BuiltinCnn.random(SEED, 3, CLASSES));
        assertTrue(size.getMessage().contains("imageSize"));
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> BuiltinCnn.random(SEED, SIZE, 0));
        assertTrue(classes.getMessage().contains("classes"));
    }

    @Test
    void passesTheOnnxCheckerWhenPythonOnnxIsInstalled(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(pythonOnnxAvailable(), "python3 with the onnx package is not installed");
        Path file = dir.resolve("builtin.onnx");
        Files.write(file, cnn.onnxBytes());
        String script = "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True)";
        Process process = new ProcessBuilder(PYTHON, "-c", script, file.toString()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS), "onnx checker timed out");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
    }

    private static boolean pythonOnnxAvailable() throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(PYTHON, "-c", "import onnx").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
