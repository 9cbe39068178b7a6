package org.prunedistill.extraction.model;

/**
 * A tensor of an imported ONNX model that can be read as a layer (see {@link OnnxLayerCandidates} for the rule).
 *
 * @param name          tensor name, e.g. "/features/features.2/MaxPool_output_0", or the graph input's name
 * @param opType        op_type of the producing node, {@value #INPUT_OP} for the graph input
 * @param order         position in graph order, 0 for the input
 * @param relativeDepth (Conv + Gemm + MatMul nodes on the longest path up to and including the producer) / (the most
 *                      on any path), 0 for the input (SCIENCE.md section 3.7)
 */
public record CandidateLayer(String name, String opType, int order, double relativeDepth) {

    /** Pseudo op type of the graph input. */
    public static final String INPUT_OP = "Input";

    public CandidateLayer {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (opType == null || opType.isEmpty()) {
            throw new IllegalArgumentException("opType must not be empty");
        }
        if (order < 0) {
            throw new IllegalArgumentException("order must be >= 0, was " + order);
        }
        if (!(relativeDepth >= 0.0 && relativeDepth <= 1.0)) {
            throw new IllegalArgumentException("relativeDepth must be in [0, 1], was " + relativeDepth);
        }
    }

    /** The same layer with its number of units per image, once known (e.g. after one ONNX Runtime run). */
    public LayerInfo withUnits(int units) {
        return new LayerInfo(name, order, relativeDepth, units);
    }
}
