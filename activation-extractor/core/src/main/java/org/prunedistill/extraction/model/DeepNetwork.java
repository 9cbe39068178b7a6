package org.prunedistill.extraction.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shipped checkpoint of the deep built-in network ({@value DeepCnn#MODEL}): RGB images at its training size go in
 * unchanged, and a grey image (the rat design, as the rats saw it) goes in as three equal channels.
 */
public final class DeepNetwork implements CheckpointNetwork {

    private final DeepCheckpoints.Checkpoint checkpoint;
    private final DeepCheckpoints shipped;
    private final List<LayerInfo> layers;
    private final Map<String, String> provenance;

    private DeepNetwork(DeepCheckpoints.Checkpoint checkpoint, DeepCheckpoints shipped, List<LayerInfo> layers) {
        this.checkpoint = checkpoint;
        this.shipped = shipped;
        this.layers = List.copyOf(layers);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", DeepCnn.MODEL);
        provenance.put("model_sha256", checkpoint.sha256());
        provenance.put("checkpoint", checkpoint.name());
        provenance.put("training_seed", Long.toString(shipped.trainingSeed()));
        provenance.put("training_step", Integer.toString(checkpoint.step()));
        provenance.put("held_out_accuracy", Double.toString(checkpoint.heldOutAccuracy()));
        provenance.put("model_input_channels", Integer.toString(inputChannels()));
        provenance.put("model_input_side", Integer.toString(inputSide()));
        this.provenance = Map.copyOf(provenance);
    }

    /**
     * The named shipped checkpoint with the chosen layers (all probed layers when none are named).
     *
     * @throws IllegalArgumentException naming the valid checkpoints or layers for an unknown one, or when the
     *                                  stimuli are not of the training size
     */
    public static DeepNetwork shipped(DeepCheckpoints shipped, String checkpoint, int imageSide, List<String> layers) {
        DeepCheckpoints.Checkpoint chosen = shipped.get(checkpoint);
        int side = shipped.architecture().imageSize();
        if (imageSide != side) {
            throw new IllegalArgumentException(DeepCnn.MODEL + " was trained on " + side + " px images; the stimuli"
                    + " are " + imageSide + " px (ask for image_size " + side + ")");
        }
        return new DeepNetwork(chosen, shipped, LayerInfo.choose(shipped.layers(), layers, DeepCnn.MODEL));
    }

    @Override
    public String checkpoint() {
        return checkpoint.name();
    }

    @Override
    public String model() {
        return DeepCnn.MODEL;
    }

    @Override
    public List<LayerInfo> layers() {
        return layers;
    }

    @Override
    public OnnxActivations open(int threads, OnnxMemoryCap cap) {
        byte[] onnx = checkpoint.onnxBytes();
        return new OnnxActivations(onnx, threads, cap.imagesPerRun(onnx, inputChannels(), inputSide(), threads));
    }

    @Override
    public int inputChannels() {
        return shipped.architecture().inputChannels();
    }

    @Override
    public int inputSide() {
        return shipped.architecture().imageSize();
    }

    /**
     * The image itself when it has the network's channels; a grey image repeated into every channel.
     *
     * @throws IllegalArgumentException for any other channel count or side
     */
    @Override
    public float[] input(float[] image, int imageChannels, int imageSide) {
        if (imageSide != inputSide()) {
            throw new IllegalArgumentException("image side must be " + inputSide() + ", was " + imageSide);
        }
        if (imageChannels == inputChannels()) {
            return image;
        }
        if (imageChannels != 1) {
            throw new IllegalArgumentException(DeepCnn.MODEL + " takes " + inputChannels() + " channels or grey "
                    + "images, not " + imageChannels + " channels");
        }
        int plane = imageSide * imageSide;
        float[] input = new float[inputChannels() * plane];
        for (int c = 0; c < inputChannels(); c++) {
            System.arraycopy(image, 0, input, c * plane, plane);
        }
        return input;
    }

    @Override
    public Optional<UnitGrid> grid(LayerInfo layer, int imageSide) {
        return shipped.grid(layer.name());
    }

    @Override
    public Map<String, String> provenance() {
        return provenance;
    }
}
