package org.prunedistill.extraction.model;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;
import org.prunedistill.testsupport.fuzz.FuzzCases;

/**
 * Fuzzes the ONNX graph reader and the receptive-field analysis built on it: a mutated model must parse or be refused
 * with an {@link IllegalArgumentException} with a message, and the analysis of whatever parses must answer for every
 * layer (a field or "unknown"), never throw; see {@link FuzzCases}.
 */
class OnnxGraphFuzzTest {

    @Test
    void mutatedModelsParseOrAreRefusedClearlyAndTheirFieldsNeverThrow() {
        byte[] windows = OnnxModelWriter.graph("windows")
                .input("image", Dim.symbolic("N"), Dim.of(1), Dim.of(16), Dim.of(16))
                .output("out", Dim.symbolic("N"), Dim.of(4))
                .initializer("w", new float[9], 1, 1, 3, 3)
                .integerInitializer("pads", 0, 0, 1, 1, 0, 0, 1, 1)
                .node("Pad", "pad", List.of("image", "pads"), List.of("padded"))
                .node("Conv", "c", List.of("padded", "w"), List.of("conv"), Attribute.ofInts("kernel_shape", 3, 3),
                        Attribute.ofInts("strides", 2, 2), Attribute.ofInts("dilations", 1, 1),
                        Attribute.ofString("auto_pad", "SAME_LOWER"))
                .node("MaxPool", "p", List.of("conv"), List.of("pool"), Attribute.ofInts("kernel_shape", 2, 2),
                        Attribute.ofInts("pads", 0, 0, 1, 1), Attribute.ofInt("ceil_mode", 1))
                .node("Add", "a", List.of("pool", "pool"), List.of("sum"))
                .node("Flatten", "f", List.of("sum"), List.of("out"), Attribute.ofInt("axis", 1))
                .toBytes();
        FuzzCases.mutate("OnnxGraph.parse + OnnxReceptiveFields", List.of(OnnxFixtures.tinyCnn(), windows),
                List.of("kernel_shape", "strides", "pads", "auto_pad", "SAME_UPPER", "VALID", "ceil_mode", "Conv",
                        "MaxPool", "Concat", "Reshape", "Pad", "Constant"), 300,
                input -> {
                    OnnxGraph graph = OnnxGraph.parse(input);
                    OnnxReceptiveFields fields = OnnxReceptiveFields.of(graph, 16);
                    for (CandidateLayer layer : graph.candidateLayers()) {
                        fields.grid(layer.name(), 64, 16);
                    }
                },
                FuzzCases.refusal(IllegalArgumentException.class, ""));
    }
}
