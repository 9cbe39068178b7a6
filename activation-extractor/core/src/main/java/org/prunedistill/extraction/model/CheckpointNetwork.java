package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One checkpoint of a model, ready to run over the stimuli: its ONNX bytes with the chosen layers as outputs, how a
 * rendered image becomes its input, where its layers' units look, and what identifies it in provenance.
 */
public interface CheckpointNetwork {

    /** Checkpoint name, e.g. "trained" or "random-1". */
    String checkpoint();

    /** Model name recorded as the sources' origin, e.g. "builtin-cnn-small". */
    String model();

    /** The chosen layers in hierarchy order, with units and relative depth. */
    List<LayerInfo> layers();

    /**
     * Opens an ONNX Runtime session whose outputs include every chosen layer, running as many images at once as the
     * memory cap allows.
     *
     * @throws IllegalArgumentException if the cap is below what one image needs
     */
    OnnxActivations open(int threads, OnnxMemoryCap cap);

    /** Channels of the network input. */
    int inputChannels();

    /** Side of the (square) network input. */
    int inputSide();

    /** One rendered image (values in [0, 1], channel-major) as the network's input, [inputChannels, side, side]. */
    float[] input(float[] image, int imageChannels, int imageSide);

    /** Where the units of a layer look in the rendered image; empty when unknown (then the whole image). */
    Optional<UnitGrid> grid(LayerInfo layer, int imageSide);

    /** Model hash, checkpoint, preprocessing and whatever else determines the activations. */
    Map<String, String> provenance();

    /** What one layer's source records beyond the checkpoint's provenance (none unless a network says more). */
    default Map<String, String> layerProvenance(LayerInfo layer) {
        return Map.of();
    }
}
