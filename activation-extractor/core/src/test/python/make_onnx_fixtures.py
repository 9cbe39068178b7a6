#!/usr/bin/python3
"""Writes the ONNX fixtures of the imported-model tests into src/test/resources/onnx.

Run from anywhere with Debian's python3-onnx (tested with onnx 1.12.0, numpy 2.4.6):

    /usr/bin/python3 activation-extractor/core/src/test/python/make_onnx_fixtures.py

The outputs are committed; the Java tests never run this script. Weights must stay in step with the constants
of ImportedModelTest, which recomputes the forward pass by hand.

tiny_cnn.onnx: input [batch_size, 1, 4, 4] -> Conv (2 filters 3x3, pad 1) -> Relu -> MaxPool 2x2 -> Flatten
    -> Reshape to [batch, -1] through Shape/Gather/Unsqueeze/Concat plumbing (what torch exports for
    x.view(x.size(0), -1)) -> Gemm (3 outputs) -> "logits". Tensor names follow torchvision exports. The conv
    weight and the classifier bias are also listed as graph inputs (allowed since IR 4: they stay parameters).
external_data.onnx: one Relu whose single initializer claims its data lives in an external file.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")
IR_VERSION = 8
OPSET = 13

CONV_WEIGHT = np.array([
    [[[1, 0, -1], [2, 0, -2], [1, 0, -1]]],          # vertical edges (Sobel x)
    [[[0, 1, 0], [1, -4, 1], [0, 1, 0]]],            # Laplacian
], dtype=np.float32)
CONV_BIAS = np.array([0.5, -1.0], dtype=np.float32)
FC_WEIGHT = np.array([
    [1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 1, 1, 1],
    [0.5, -0.5, 0.25, -0.25, 2, -2, 1, -1],
], dtype=np.float32)
FC_BIAS = np.array([0.0, 1.0, -2.0], dtype=np.float32)


def model(graph):
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                          producer_name="make_onnx_fixtures")
    m.ir_version = IR_VERSION
    onnx.checker.check_model(m, full_check=True)
    return m


def tiny_cnn():
    conv = "/features/features.0/Conv_output_0"
    relu = "/features/features.1/Relu_output_0"
    pool = "/features/features.2/MaxPool_output_0"
    flat = "/Flatten_output_0"
    nodes = [
        helper.make_node("Conv", ["input", "features.0.weight", "features.0.bias"], [conv],
                         name="/features/features.0/Conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", [conv], [relu], name="/features/features.1/Relu"),
        helper.make_node("MaxPool", [relu], [pool], name="/features/features.2/MaxPool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", [pool], [flat], name="/Flatten", axis=1),
        helper.make_node("Shape", [flat], ["/Shape_output_0"], name="/Shape"),
        helper.make_node("Constant", [], ["/Constant_output_0"], name="/Constant",
                         value=numpy_helper.from_array(np.array(0, dtype=np.int64))),
        helper.make_node("Gather", ["/Shape_output_0", "/Constant_output_0"], ["/Gather_output_0"],
                         name="/Gather", axis=0),
        # Unsqueeze-13 takes its axes as a tensor; Constant nodes keep all int64 plumbing out of the initializers.
        helper.make_node("Constant", [], ["/Constant_1_output_0"], name="/Constant_1",
                         value=numpy_helper.from_array(np.array([0], dtype=np.int64))),
        helper.make_node("Unsqueeze", ["/Gather_output_0", "/Constant_1_output_0"], ["/Unsqueeze_output_0"],
                         name="/Unsqueeze"),
        helper.make_node("Constant", [], ["/Constant_2_output_0"], name="/Constant_2",
                         value=numpy_helper.from_array(np.array([-1], dtype=np.int64))),
        helper.make_node("Concat", ["/Unsqueeze_output_0", "/Constant_2_output_0"], ["/Concat_output_0"],
                         name="/Concat", axis=0),
        helper.make_node("Reshape", [flat, "/Concat_output_0"], ["/Reshape_output_0"], name="/Reshape"),
        helper.make_node("Gemm", ["/Reshape_output_0", "classifier.weight", "classifier.bias"], ["logits"],
                         name="/classifier/Gemm", alpha=1.0, beta=1.0, transB=1),
    ]
    initializers = [
        numpy_helper.from_array(CONV_WEIGHT, "features.0.weight"),
        numpy_helper.from_array(CONV_BIAS, "features.0.bias"),
        numpy_helper.from_array(FC_WEIGHT, "classifier.weight"),
        numpy_helper.from_array(FC_BIAS, "classifier.bias"),
    ]
    inputs = [
        helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch_size", 1, 4, 4]),
        helper.make_tensor_value_info("features.0.weight", TensorProto.FLOAT, [2, 1, 3, 3]),
        helper.make_tensor_value_info("classifier.bias", TensorProto.FLOAT, [3]),
    ]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", 3])]
    return model(helper.make_graph(nodes, "tiny_cnn", inputs, outputs, initializers))


def external_data():
    weight = TensorProto(name="bias", data_type=TensorProto.FLOAT, dims=[2])
    weight.data_location = TensorProto.EXTERNAL
    entry = weight.external_data.add()
    entry.key, entry.value = "location", "bias.bin"
    nodes = [helper.make_node("Add", ["input", "bias"], ["sum"], name="/Add"),
             helper.make_node("Relu", ["sum"], ["output"], name="/Relu")]
    graph = helper.make_graph(nodes, "external_data",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 2, 1, 1])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 2, 1, 1])],
                              [weight])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                          producer_name="make_onnx_fixtures")
    m.ir_version = IR_VERSION
    return m  # not checked: the checker would look for bias.bin


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, m in (("tiny_cnn.onnx", tiny_cnn()), ("external_data.onnx", external_data())):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(m.SerializeToString())


if __name__ == "__main__":
    main()
