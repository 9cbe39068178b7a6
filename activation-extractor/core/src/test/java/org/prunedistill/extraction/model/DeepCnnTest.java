package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeepCnnTest {

    @Test
    void theDeepNetworkProbesTheInputEveryPoolingAndEveryDenseOutput() {
        DeepCnnArchitecture deep = DeepCnnArchitecture.deep(64, 50);
        List<LayerInfo> layers = deep.layers();
        assertEquals(List.of("pixels", "pool1", "pool2", "pool3", "pool4", "gap", "fc1", "fc2", "logits"),
                layers.stream().map(LayerInfo::name).toList());
        // 8 convolutions + 2 dense + logits = 11 weighted operations (SCIENCE.md 3.7).
        assertEquals(List.of(0.0, 2 / 11.0, 4 / 11.0, 6 / 11.0, 8 / 11.0, 8 / 11.0, 9 / 11.0, 10 / 11.0, 1.0),
                layers.stream().map(LayerInfo::relativeDepth).toList());
        assertEquals(List.of(3 * 64 * 64, 32 * 32 * 32, 64 * 16 * 16, 128 * 8 * 8, 256 * 4 * 4, 256, 256, 256, 50),
                layers.stream().map(LayerInfo::units).toList());
        // conv: 3*32*9 + 32*32*9 + 32*64*9 + 64*64*9 + 64*128*9 + 128*128*9 + 128*256*9 + 256*256*9 + biases 960;
        // dense: 256*256 + 256 + 256*256 + 256 + 256*50 + 50.
        assertEquals(1_171_296 + 960 + 65_792 + 65_792 + 12_850, deep.parameterCount());
    }

    @Test
    void bytesArePinnedByTheWeightsAndOnnxRuntimeGivesEveryLayerItsShape() {
        DeepCnnArchitecture small = new DeepCnnArchitecture(32, 3, List.of(4, 5, 6, 7), 2, List.of(9, 8), 5);
        DeepCnn a = DeepCnn.random(3, small);
        assertEquals(a.sha256(), DeepCnn.random(3, small).sha256());
        assertNotEquals(a.sha256(), DeepCnn.random(4, small).sha256());
        assertEquals(a.sha256(), DeepCnn.fromWeights(a.weights()).sha256());
        List<String> names = small.layers().stream().map(LayerInfo::name).toList();
        try (OnnxActivations session = new OnnxActivations(a.onnxBytes())) {
            Map<String, float[][]> out = session.run(new float[2 * 3 * 32 * 32], 2, 3, 32, 32, names);
            for (LayerInfo layer : small.layers()) {
                assertEquals(layer.units(), out.get(layer.name())[1].length, layer.name());
            }
        }
    }

    /**
     * Half-precision storage: about half the bytes, and ONNX Runtime computes exactly what the float model of the
     * rounded weights computes (the Cast is folded when the session loads).
     */
    @Test
    void halfPrecisionStorageComputesWithTheRoundedWeights() {
        DeepCnnArchitecture small = new DeepCnnArchitecture(32, 3, List.of(4, 5, 6, 7), 2, List.of(9, 8), 5);
        DeepCnnWeights weights = DeepCnnWeights.heNormal(7, small);
        DeepCnn half = DeepCnn.fromWeights(weights, DeepCnn.Storage.HALF);
        DeepCnn rounded = DeepCnn.fromWeights(weights.roundedToHalf());
        assertEquals(DeepCnn.Storage.HALF, half.storage());
        assertNotEquals(weights.values(0)[0], half.weights().values(0)[0]);
        assertEquals(weights.roundedToHalf().values(0)[0], half.weights().values(0)[0]);
        int parameterBytes = 4 * (int) small.parameterCount();
        assertTrue(rounded.onnxBytes().length - half.onnxBytes().length > parameterBytes / 2 - 2_000,
                rounded.onnxBytes().length + " vs " + half.onnxBytes().length);
        float[] pixels = new float[2 * 3 * 32 * 32];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        List<String> names = small.layers().stream().skip(1).map(LayerInfo::name).toList();
        try (OnnxActivations a = new OnnxActivations(half.onnxBytes());
             OnnxActivations b = new OnnxActivations(rounded.onnxBytes())) {
            Map<String, float[][]> fromHalf = a.run(pixels, 2, 3, 32, 32, names);
            Map<String, float[][]> fromRounded = b.run(pixels, 2, 3, 32, 32, names);
            for (String name : names) {
                for (int image = 0; image < 2; image++) {
                    assertTrue(java.util.Arrays.equals(fromRounded.get(name)[image], fromHalf.get(name)[image]),
                            name);
                }
            }
        }
        assertEquals(DeepCnn.fromWeights(weights).grid("pool2"), half.grid("pool2"));
    }

    /**
     * The receptive fields, by hand: each 3x3 pad-1 convolution widens the window by 2 jumps and moves its start one
     * jump back, each pooling widens it by one jump and doubles the jump: pool1 (jump 2, offset -2, window 6), pool2
     * (4, -6, 16), pool3 (8, -14, 36), pool4 (16, -30, 76). Then against ONNX Runtime as for imported models: with
     * positive weights, the pixels whose rise moves a unit span exactly its window (clipped to the image).
     */
    @Test
    void receptiveFieldsAreTheHandComputedOnesAndMatchOnnxRuntime() {
        int side = 32;
        DeepCnnArchitecture narrow = new DeepCnnArchitecture(side, 1, List.of(2, 2, 2, 2), 2, List.of(3), 2);
        DeepCnn network = DeepCnn.fromWeights(positive(narrow));
        assertEquals(Optional.of(new UnitGrid(16, 16, 2, -2, 6)), network.grid("pool1"));
        assertEquals(Optional.of(new UnitGrid(8, 8, 4, -6, 16)), network.grid("pool2"));
        assertEquals(Optional.of(new UnitGrid(4, 4, 8, -14, 36)), network.grid("pool3"));
        assertEquals(Optional.of(new UnitGrid(2, 2, 16, -30, 76)), network.grid("pool4"));
        assertEquals(Optional.of(UnitGrid.wholeImage(side)), network.grid("gap"));
        assertEquals(Optional.of(UnitGrid.wholeImage(side)), network.grid("logits"));
        assertEquals(Optional.of(new UnitGrid(side, side, 1, 0, 1)), network.grid("pixels"));
        assertEquals(Optional.empty(), network.grid("conv1_1"), "not a probed layer");

        int pixels = side * side;
        float[] batch = new float[(pixels + 1) * pixels];
        SplittableRandom random = new SplittableRandom(13);
        for (int p = 0; p < pixels; p++) {
            float v = (float) (0.1 + random.nextDouble());
            for (int image = 0; image <= pixels; image++) {
                batch[image * pixels + p] = v + (image == p + 1 ? 100f : 0f);
            }
        }
        List<String> pools = List.of("pool1", "pool2", "pool3", "pool4");
        int compared = 0;
        try (OnnxActivations session = new OnnxActivations(network.onnxBytes())) {
            Map<String, float[][]> out = session.run(batch, pixels + 1, 1, side, side, pools);
            for (String layer : pools) {
                UnitGrid grid = network.grid(layer).orElseThrow();
                for (int position = 0; position < grid.positions(); position++) {
                    int[] moved = OnnxReceptiveFieldsTest.movedBox(out.get(layer), position, side);
                    int row = position / grid.columns();
                    int col = position % grid.columns();
                    assertEquals(List.of(OnnxReceptiveFieldsTest.clip(grid.from(row), side),
                                    OnnxReceptiveFieldsTest.clip(grid.to(row), side) - 1,
                                    OnnxReceptiveFieldsTest.clip(grid.from(col), side),
                                    OnnxReceptiveFieldsTest.clip(grid.to(col), side) - 1),
                            List.of(moved[0], moved[1], moved[2], moved[3]), layer + " position " + position);
                    compared++;
                }
            }
        }
        assertEquals(256 + 64 + 16 + 4, compared);
    }

    @Test
    void rejectsArchitecturesThatDoNotPoolEvenly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepCnnArchitecture.deep(72, 50));
        assertTrue(e.getMessage().startsWith("imageSize must be a positive multiple of 2^stages = 16"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DeepCnnWeights(DeepCnnArchitecture.deep(64, 50),
                List.of(new float[1])));
    }

    /** Weights uniform in [0.1, 0.6), zero biases: every unit is active and every tap counts. */
    private static DeepCnnWeights positive(DeepCnnArchitecture architecture) {
        SplittableRandom random = new SplittableRandom(7);
        List<float[]> values = new ArrayList<>();
        for (DeepCnnArchitecture.Parameter p : architecture.parameters()) {
            float[] v = new float[p.size()];
            for (int i = 0; i < v.length && p.weight(); i++) {
                v[i] = (float) (0.1 + 0.5 * random.nextDouble());
            }
            values.add(v);
        }
        return new DeepCnnWeights(architecture, values);
    }
}
