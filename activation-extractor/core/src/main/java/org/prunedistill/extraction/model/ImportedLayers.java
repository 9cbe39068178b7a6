package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link ImportedModel} narrowed to the chosen layers, ready to run: its ONNX bytes have exactly the chosen
 * tensors as graph outputs, so {@link OnnxActivations} can read them.
 *
 * <p>Typical use:
 * <pre>{@code
 * ImportedLayers chosen = model.forLayers(List.of("input", "/features/features.4/MaxPool_output_0"));
 * try (OnnxActivations session = chosen.open(1, OnnxMemoryCap.ofMebibytes(768))) {
 *     List<LayerInfo> infos = chosen.layerInfos(session);   // units from one probe run
 *     float[] x = chosen.preprocess(image, 1, 64);           // [C][crop][crop]
 *     Map<String, float[][]> out = session.run(batch, n, chosen.inputChannels(), chosen.inputSide(),
 *             chosen.inputSide(), chosen.layerNames());
 * }
 * }</pre>
 *
 * <p>Immutable; the edited bytes are owned here and never exposed for modification.
 */
public final class ImportedLayers {

    private final ImportedModel model;
    private final byte[] onnx;
    private final List<CandidateLayer> layers;

    ImportedLayers(ImportedModel model, byte[] onnx, List<CandidateLayer> layers) {
        this.model = model;
        this.onnx = onnx;
        this.layers = List.copyOf(layers);
    }

    /** The model these layers belong to. */
    public ImportedModel model() {
        return model;
    }

    /** The chosen layers, in request order. */
    public List<CandidateLayer> layers() {
        return layers;
    }

    /** Names of the chosen layers, in request order, as {@link OnnxActivations#run} takes them. */
    public List<String> layerNames() {
        return layers.stream().map(CandidateLayer::name).toList();
    }

    /** A copy of the edited ONNX bytes. */
    public byte[] onnxBytes() {
        return onnx.clone();
    }

    /** Channels of the model input. */
    public int inputChannels() {
        return model.preprocessing().channels();
    }

    /** Height and width of the model input (the preprocessing's crop). */
    public int inputSide() {
        return model.preprocessing().crop();
    }

    /** Applies the model's preprocessing to one rendered image ({@link ModelPreprocessing#apply}). */
    public float[] preprocess(float[] image, int imageChannels, int side) {
        return model.preprocessing().apply(image, imageChannels, side);
    }

    /**
     * Loads the edited model in ONNX Runtime.
     *
     * @param intraOpThreads threads ONNX Runtime may use inside one operator, at least 1
     * @param cap            native memory ONNX Runtime may take, which bounds the images of one run
     * @throws IllegalArgumentException naming the model (and its sha256) if ONNX Runtime cannot load it, e.g. an
     *                                  unsupported opset or operator, or if the cap is below what one image needs
     */
    public OnnxActivations open(int intraOpThreads, OnnxMemoryCap cap) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, was " + intraOpThreads);
        }
        try {
            return new OnnxActivations(onnx, intraOpThreads,
                    cap.imagesPerRun(onnx, inputChannels(), inputSide(), intraOpThreads));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ONNX model '" + model.name() + "' (sha256 " + model.sha256()
                    + ") cannot be run: " + e.getMessage(), e);
        }
    }

    /**
     * The chosen layers with their units per image, found by running one all-zero input through the session.
     *
     * @param session a session opened by {@link #open}
     * @throws IllegalStateException if ONNX Runtime fails on the probe
     */
    public List<LayerInfo> layerInfos(OnnxActivations session) {
        int side = inputSide();
        float[] zeros = new float[inputChannels() * side * side];
        Map<String, float[][]> probe = session.run(zeros, 1, inputChannels(), side, side, layerNames());
        List<LayerInfo> infos = new ArrayList<>(layers.size());
        for (CandidateLayer layer : layers) {
            infos.add(layer.withUnits(probe.get(layer.name())[0].length));
        }
        return infos;
    }
}
