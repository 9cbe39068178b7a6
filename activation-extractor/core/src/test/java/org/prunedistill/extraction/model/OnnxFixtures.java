package org.prunedistill.extraction.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The committed ONNX fixtures of src/test/resources/onnx, written by src/test/python/make_onnx_fixtures.py
 * (onnx 1.12.0); see that script for what each model contains.
 */
final class OnnxFixtures {

    static final String INPUT = "input";
    static final String CONV = "/features/features.0/Conv_output_0";
    static final String RELU = "/features/features.1/Relu_output_0";
    static final String POOL = "/features/features.2/MaxPool_output_0";
    static final String FLATTEN = "/Flatten_output_0";
    static final String RESHAPE = "/Reshape_output_0";
    static final String LOGITS = "logits";

    private OnnxFixtures() {
    }

    /** input [batch_size, 1, 4, 4] -> Conv 2x3x3 -> Relu -> MaxPool 2 -> Flatten -> Reshape -> Gemm 3. */
    static byte[] tinyCnn() {
        return resource("tiny_cnn.onnx");
    }

    /** A model whose only initializer lives in an external file. */
    static byte[] externalData() {
        return resource("external_data.onnx");
    }

    private static byte[] resource(String name) {
        try (InputStream in = OnnxFixtures.class.getResourceAsStream("/onnx/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /onnx/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
