package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

/**
 * The cap reaches ONNX Runtime: the process's resident memory is measured around a run (its peak reset through
 * {@code /proc/self/clear_refs} first, Linux), with a model whose activations are large and whose output is small, so
 * that what grows is ONNX Runtime's native memory and not the Java heap.
 */
class OnnxMemoryCapTest {

    private static final long MIB = 1L << 20;
    /** 256 channels of 128 x 128: 16 MiB of float32 per image after the convolution, 16 MiB after the ReLU. */
    private static final int CHANNELS = 256;
    private static final int SIDE = 128;
    private static final int BATCH = 40;
    private static final long CAP_MIB = 128;
    /** What else may grow during a run: the Java side's inputs (2.6 MB here), malloc's and the JVM's own noise. */
    private static final long SLACK_MIB = 64;
    /** An uncapped run of the batch holds at least one 16 MiB tensor per image at once: 640 MiB. */
    private static final long UNCAPPED_AT_LEAST_MIB = 512;

    /** image [N, 1, SIDE, SIDE] -> 3x3 Conv to CHANNELS -> Relu -> GlobalAveragePool -> pooled [N, CHANNELS, 1, 1]. */
    private static byte[] wideModel() {
        SplittableRandom random = new SplittableRandom(3);
        float[] weights = new float[CHANNELS * 9];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        return OnnxModelWriter.graph("wide")
                .input("image", Dim.symbolic("N"), Dim.of(1), Dim.of(SIDE), Dim.of(SIDE))
                .output("pooled", Dim.symbolic("N"), Dim.of(CHANNELS), Dim.of(1), Dim.of(1))
                .initializer("w", weights, CHANNELS, 1, 3, 3)
                .node("Conv", "conv", List.of("image", "w"), List.of("conv"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("pads", 1, 1, 1, 1))
                .node("Relu", "relu", List.of("conv"), List.of("relu"))
                .node("GlobalAveragePool", "pool", List.of("relu"), List.of("pooled"))
                .toBytes();
    }

    @Test
    void imagesPerRunIsTheCapLessTheModelHeldTwiceOverTwiceEveryActivationOfOneImage() {
        byte[] model = wideModel();
        long perImage = 4L * (SIDE * SIDE + 2L * CHANNELS * SIDE * SIDE + CHANNELS);
        assertEquals(perImage, OnnxMemoryCap.activationBytesPerImage(model, 1, SIDE, 1), "input, conv, relu, pooled");
        assertEquals((CAP_MIB * MIB - 2L * model.length) / (2 * perImage),
                OnnxMemoryCap.ofMebibytes(CAP_MIB).imagesPerRun(model, 1, SIDE, 1));
        assertEquals(Integer.MAX_VALUE, OnnxMemoryCap.NONE.imagesPerRun(model, 1, SIDE, 1));
    }

    @Test
    void aCapBelowOneImageIsRefusedSayingWhatOneImageNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxMemoryCap.ofMebibytes(16).imagesPerRun(wideModel(), 1, SIDE, 1));
        assertTrue(e.getMessage().contains("memory cap of 16 MiB (pd.extraction.onnx-memory-mb)")
                && e.getMessage().contains("32.1 MiB of activations per image at 1 x 128 x 128"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OnnxMemoryCap.ofMebibytes(0));
    }

    @Test
    void aCappedSessionStaysWithinItsCapWhereAnUncappedOneDoesNotAndBothGiveTheSameActivations() throws IOException {
        assumeTrue(Files.isWritable(Path.of("/proc/self/clear_refs")), "needs Linux's peak-RSS reset");
        byte[] model = wideModel();
        float[] images = new float[BATCH * SIDE * SIDE];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        int imagesPerRun = OnnxMemoryCap.ofMebibytes(CAP_MIB).imagesPerRun(model, 1, SIDE, 1);
        float[][] capped;
        long cappedGrowth;
        try (OnnxActivations session = new OnnxActivations(model, 1, imagesPerRun)) {
            long before = resetPeak();
            capped = session.run(images, BATCH, 1, SIDE, SIDE, List.of("pooled")).get("pooled");
            cappedGrowth = peak() - before;
        }
        float[][] uncapped;
        long uncappedGrowth;
        try (OnnxActivations session = new OnnxActivations(model, 1)) {
            long before = resetPeak();
            uncapped = session.run(images, BATCH, 1, SIDE, SIDE, List.of("pooled")).get("pooled");
            uncappedGrowth = peak() - before;
        }
        assertTrue(imagesPerRun < BATCH, "the batch is cut: " + imagesPerRun + " images per run");
        assertTrue(cappedGrowth <= (CAP_MIB + SLACK_MIB) * MIB, "capped at " + CAP_MIB + " MiB, the peak RSS grew by "
                + cappedGrowth / MIB + " MiB");
        assertTrue(uncappedGrowth >= UNCAPPED_AT_LEAST_MIB * MIB, "uncapped, the peak RSS grew by "
                + uncappedGrowth / MIB + " MiB: the measurement must see ONNX Runtime's memory");
        for (int image = 0; image < BATCH; image++) {
            assertArrayEquals(uncapped[image], capped[image], "image " + image);
        }
    }

    /** Resets the process's peak resident set to the current one and returns it, in bytes. */
    private static long resetPeak() throws IOException {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        return peak();
    }

    private static long peak() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/self/status");
    }
}
