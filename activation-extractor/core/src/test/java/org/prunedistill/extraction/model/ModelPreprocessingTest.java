package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.ModelPreprocessing.ChannelOrder;

class ModelPreprocessingTest {

    /** Single-precision results against decimal hand values. */
    private static final float TOLERANCE = 1e-6f;
    private static final String SOURCE = "runs/r1/preprocessing.json";

    @Test
    void identityPreprocessingReturnsTheImage() {
        float[] image = {0.1f, 0.2f, 0.3f, 0.4f};
        assertArrayEquals(image, grey(2, 2).apply(image, 1, 2));
    }

    @Test
    void upsamplesBilinearlyWithHalfPixelCentres() {
        float[] image = {0, 1, 2, 3};
        float[] ramp = {0f, 0.25f, 0.75f, 1f};
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                expected[y * 4 + x] = ramp[x] + 2 * ramp[y];
            }
        }
        assertArrayEquals(expected, grey(4, 4).apply(image, 1, 2), TOLERANCE);
    }

    @Test
    void halvingAveragesTwoByTwoBlocks() {
        float[] image = new float[16];
        for (int i = 0; i < 16; i++) {
            image[i] = i;
        }
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, grey(2, 2).apply(image, 1, 4), TOLERANCE);
    }

    /**
     * Halving (64 -> resize 32, crop 28 at offset 2): a model pixel's window in the image is exactly the image pixels
     * that feed it, found by lighting one image pixel at a time.
     */
    @Test
    void aModelPixelsWindowInTheImageIsThePixelsThatFeedIt() {
        ModelPreprocessing halving = grey(32, 28);
        assertEquals(2, halving.cropOffset());
        UnitGrid pixels = halving.toImage(new UnitGrid(28, 28, 1, 0, 1), 64);
        assertEquals(new UnitGrid(28, 28, 2, 4, 2), pixels);
        int[] firstRow = new int[28];
        int[] lastRow = new int[28];
        java.util.Arrays.fill(firstRow, Integer.MAX_VALUE);
        java.util.Arrays.fill(lastRow, -1);
        for (int row = 0; row < 64; row++) {
            float[] image = new float[64 * 64];
            image[row * 64 + 30] = 1f;
            float[] model = halving.apply(image, 1, 64);
            for (int y = 0; y < 28; y++) {
                if (model[y * 28 + 13] != 0f) {
                    firstRow[y] = Math.min(firstRow[y], row);
                    lastRow[y] = Math.max(lastRow[y], row);
                }
            }
        }
        for (int y = 0; y < 28; y++) {
            assertEquals(List.of(pixels.from(y), pixels.to(y) - 1), List.of(firstRow[y], lastRow[y]), "model row " + y);
        }
        // A window in model pixels scales the same way: AlexNet's pool5 cell 0 at 224 of an image rendered at 112.
        assertEquals(new UnitGrid(6, 6, 14.0, -21.875, 85.3125),
                new ModelPreprocessing(256, 224, 3, ChannelOrder.RGB, 1, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0))
                        .toImage(new UnitGrid(6, 6, 32, -66, 195), 112));
    }

    @Test
    void cropsTheCentreRoundingHalfOffsetsToEven() {
        float[] four = ramp(4);
        assertArrayEquals(new float[] {5, 6, 9, 10}, grey(4, 2).apply(four, 1, 4));
        // (5 - 2) / 2 = 1.5 rounds to 2, (7 - 2) / 2 = 2.5 rounds to 2, as Python's round in torchvision.
        assertArrayEquals(new float[] {12, 13, 17, 18}, grey(5, 2).apply(ramp(5), 1, 5));
        assertArrayEquals(new float[] {16, 17, 23, 24}, grey(7, 2).apply(ramp(7), 1, 7));
    }

    @Test
    void scalesThenSubtractsTheMeanAndDividesByTheStd() {
        ModelPreprocessing caffe = new ModelPreprocessing(1, 1, 1, ChannelOrder.RGB, 255.0, List.of(100.0),
                List.of(2.0));
        assertArrayEquals(new float[] {13.75f}, caffe.apply(new float[] {0.5f}, 1, 1), TOLERANCE);
    }

    @Test
    void greyIsReplicatedToThreeNormalisedChannels() {
        ModelPreprocessing rgb = new ModelPreprocessing(1, 1, 3, ChannelOrder.RGB, 1.0, List.of(0.5, 0.25, 0.0),
                List.of(0.5, 0.25, 2.0));
        assertArrayEquals(new float[] {0.5f, 2f, 0.375f}, rgb.apply(new float[] {0.75f}, 1, 1), TOLERANCE);
    }

    @Test
    void bgrReversesTheChannelsAndNormalisesInModelOrder() {
        ModelPreprocessing bgr = new ModelPreprocessing(1, 1, 3, ChannelOrder.BGR, 1.0, List.of(0.3, 0.0, 0.0),
                List.of(1.0, 1.0, 0.5));
        float[] rgbImage = {0.1f, 0.2f, 0.3f};
        assertArrayEquals(new float[] {0.0f, 0.2f, 0.2f}, bgr.apply(rgbImage, 3, 1), TOLERANCE);
    }

    @Test
    void rgbBecomesGreyByRec601Luma() {
        float[] rgbImage = {1.0f, 0.5f, 0.0f};
        assertArrayEquals(new float[] {0.5925f}, grey(1, 1).apply(rgbImage, 3, 1), TOLERANCE);
    }

    @Test
    void imageNetDefaultsAreTorchvisions() {
        ModelPreprocessing imagenet = ModelPreprocessing.IMAGENET;
        assertEquals(256, imagenet.resize());
        assertEquals(224, imagenet.crop());
        assertEquals(3, imagenet.channels());
        assertEquals(ChannelOrder.RGB, imagenet.channelOrder());
        assertEquals(1.0, imagenet.pixelScale());
        assertEquals(List.of(0.485, 0.456, 0.406), imagenet.mean());
        assertEquals(List.of(0.229, 0.224, 0.225), imagenet.std());
        assertEquals(3 * 224 * 224, imagenet.apply(new float[64 * 64], 1, 64).length);
    }

    @Test
    void readsAndWritesJson() {
        String json = "{\"resize\":256,\"crop\":224,\"channels\":3,\"channel_order\":\"RGB\",\"pixel_scale\":1,"
                + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225]}";
        assertEquals(ModelPreprocessing.IMAGENET, read(json));
        assertEquals(ModelPreprocessing.IMAGENET, ModelPreprocessing.fromJson(ModelPreprocessing.IMAGENET.toJson(),
                SOURCE));
        assertTrue(new String(ModelPreprocessing.IMAGENET.toJson(), StandardCharsets.UTF_8)
                .contains("\"channel_order\":\"RGB\""));
        ModelPreprocessing defaults = read("{\"resize\":4,\"crop\":4,\"channels\":1,\"mean\":[0],\"std\":[1]}");
        assertEquals(ChannelOrder.RGB, defaults.channelOrder());
        assertEquals(1.0, defaults.pixelScale());
    }

    @Test
    void badJsonIsRefusedNamingTheSourceAndTheProblem() {
        String valid = "\"resize\":4,\"crop\":4,\"channels\":1,\"mean\":[0],\"std\":[1]";
        assertRefused("{" + valid + ",\"scale\":2}", "unknown field 'scale'");
        assertRefused("{\"resize\":4,\"channels\":1,\"mean\":[0],\"std\":[1]}", "missing field 'crop'");
        assertRefused("{" + valid.replace("\"crop\":4", "\"crop\":3.5") + "}", "crop");
        assertRefused("{" + valid.replace("\"crop\":4", "\"crop\":\"4\"") + "}", "crop");
        assertRefused("{" + valid + ",\"channel_order\":\"BGR\"}", "BGR needs 3 channels");
        assertRefused("{" + valid.replace("[0]", "[0, 0]") + "}", "mean must have one value per channel");
        assertRefused("{" + valid.replace("\"std\":[1]", "\"std\":[0]") + "}", "std values must be finite and > 0");
        assertRefused("{" + valid + ",\"pixel_scale\":2}", "pixelScale must be 1 or 255");
        assertRefused("[1, 2]", "");
        assertRefused("{not json", "");
    }

    @Test
    void invalidValuesAndImagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ModelPreprocessing(4, 5, 1, ChannelOrder.RGB, 1.0,
                List.of(0.0), List.of(1.0)));
        assertThrows(IllegalArgumentException.class, () -> new ModelPreprocessing(4, 4, 2, ChannelOrder.RGB, 1.0,
                List.of(0.0, 0.0), List.of(1.0, 1.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> grey(2, 2).apply(new float[5], 1, 2));
        assertTrue(e.getMessage().contains("image has 5 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> grey(2, 2).apply(new float[8], 2, 2));
    }

    private static ModelPreprocessing grey(int resize, int crop) {
        return new ModelPreprocessing(resize, crop, 1, ChannelOrder.RGB, 1.0, List.of(0.0), List.of(1.0));
    }

    private static float[] ramp(int side) {
        float[] image = new float[side * side];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        return image;
    }

    private static ModelPreprocessing read(String json) {
        return ModelPreprocessing.fromJson(json.getBytes(StandardCharsets.UTF_8), SOURCE);
    }

    private static void assertRefused(String json, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(json), json);
        assertTrue(e.getMessage().startsWith(SOURCE + ": ") && e.getMessage().contains(fragment), e.getMessage());
    }
}
