package org.prunedistill.extraction.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A checkpoint of the built-in CNN: grey images at the stimulus size go in unchanged. */
public final class BuiltinNetwork implements CheckpointNetwork {

    public static final String MODEL = "builtin-cnn-small";

    private final String checkpoint;
    private final byte[] onnx;
    private final String sha256;
    private final List<LayerInfo> layers;
    private final int side;
    private final Map<String, String> provenance;

    BuiltinNetwork(String checkpoint, byte[] onnx, String sha256, List<LayerInfo> layers, int side,
                   Map<String, String> details) {
        this.checkpoint = checkpoint;
        this.onnx = onnx;
        this.sha256 = sha256;
        this.layers = List.copyOf(layers);
        this.side = side;
        Map<String, String> provenance = new LinkedHashMap<>(details);
        provenance.put("model", MODEL);
        provenance.put("model_sha256", sha256);
        provenance.put("checkpoint", checkpoint);
        this.provenance = Map.copyOf(provenance);
    }

    /** He-normal random weights from a seed ("random-&lt;seed&gt;"). */
    public static BuiltinNetwork random(String checkpoint, long seed, int side, int classes, List<String> layers) {
        BuiltinCnn network = BuiltinCnn.random(seed, side, classes);
        return new BuiltinNetwork(checkpoint, network.onnxBytes(), network.sha256(),
                LayerInfo.choose(network.layers(), layers, MODEL), side,
                Map.of("weights_seed", Long.toString(seed)));
    }

    /**
     * A checkpoint shipped with the project (untrained, early, middle, trained), trained on 64 x 64 grey rat-object
     * images; its held-out accuracy and training step go into provenance.
     *
     * @throws IllegalArgumentException if the stimuli are not of the training size
     */
    public static BuiltinNetwork shipped(BuiltinCheckpoints.Checkpoint checkpoint, BuiltinCheckpoints all, int side,
                                         List<String> layers) {
        if (side != all.imageSize()) {
            throw new IllegalArgumentException("checkpoint '" + checkpoint.name() + "' of " + MODEL + " was trained on "
                    + all.imageSize() + " px images; the stimuli are " + side + " px (ask for image_size "
                    + all.imageSize() + ", or random-<seed> checkpoints at any size)");
        }
        return new BuiltinNetwork(checkpoint.name(), checkpoint.onnxBytes(), checkpoint.sha256(),
                LayerInfo.choose(checkpoint.layers(), layers, MODEL), side,
                Map.of("training_seed", Long.toString(all.trainingSeed()), "training_step",
                        Integer.toString(checkpoint.step()), "held_out_accuracy",
                        Double.toString(checkpoint.heldOutAccuracy())));
    }

    @Override
    public String checkpoint() {
        return checkpoint;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<LayerInfo> layers() {
        return layers;
    }

    @Override
    public OnnxActivations open(int threads, OnnxMemoryCap cap) {
        return new OnnxActivations(onnx, threads, cap.imagesPerRun(onnx, inputChannels(), inputSide(), threads));
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public int inputSide() {
        return side;
    }

    @Override
    public float[] input(float[] image, int imageChannels, int imageSide) {
        return image;
    }

    @Override
    public Optional<UnitGrid> grid(LayerInfo layer, int imageSide) {
        return BuiltinCnnGeometry.grid(layer.name(), imageSide);
    }

    @Override
    public Map<String, String> provenance() {
        return provenance;
    }

    public String sha256() {
        return sha256;
    }
}
