package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

/**
 * A ResNet with basic blocks (He et al. 2016) written as ONNX the way {@code torch.onnx.export} writes a torchvision
 * ResNet in eval mode: batch normalisation folded into the convolutions, node and tensor names of the module path
 * ({@code /layer2/layer2.0/relu_1/Relu_output_0}), a symbolic batch, and only the logits as graph output. Weights
 * are random, He-normal (N(0, 2 / fan_in)) from a seed, biases zero; the second convolution of each block is scaled
 * by {@value #RESIDUAL_SCALE} so that activations stay of order one through the residual additions, as the zero-init
 * of a block's last batch norm does in training. For tests and benchmarks: no weights are downloaded.
 *
 * <p>Architecture: conv1 7x7 stride 2 pad 3, ReLU, max pool 3x3 stride 2 pad 1; stages of basic blocks (3x3 conv,
 * ReLU, 3x3 conv, Add with the shortcut, ReLU), the first block of every stage but the first with stride 2 and a 1x1
 * stride-2 projection shortcut (also whenever the channels change); global average pool, Flatten, Gemm.
 * {@code ResNet-18} is stages of 2, 2, 2, 2 blocks with 64, 128, 256, 512 channels.
 *
 * @param side          input height and width, at least 1
 * @param stemChannels  channels of conv1
 * @param stageChannels channels of each stage
 * @param stageBlocks   basic blocks of each stage, as many entries as stageChannels
 * @param classes       logits
 * @param seed          seed of the weights
 */
public record ResNetOnnx(int side, int stemChannels, List<Integer> stageChannels, List<Integer> stageBlocks,
                         int classes, long seed) {

    /** Name of the image input, as torchvision's export example names it. */
    public static final String INPUT = "input";
    /** Name of the only graph output. */
    public static final String LOGITS = "logits";
    /** Factor on the second convolution of every block. */
    public static final double RESIDUAL_SCALE = 0.5;

    public ResNetOnnx {
        stageChannels = List.copyOf(stageChannels);
        stageBlocks = List.copyOf(stageBlocks);
        if (side < 1 || stemChannels < 1 || classes < 1) {
            throw new IllegalArgumentException("side, stemChannels and classes must be >= 1, were " + side + ", "
                    + stemChannels + ", " + classes);
        }
        if (stageChannels.isEmpty() || stageChannels.size() != stageBlocks.size()) {
            throw new IllegalArgumentException("stageChannels and stageBlocks must be non-empty and of one length, "
                    + "were " + stageChannels + " and " + stageBlocks);
        }
        if (stageChannels.stream().anyMatch(c -> c < 1) || stageBlocks.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("every stage needs channels and blocks >= 1, were " + stageChannels
                    + " and " + stageBlocks);
        }
    }

    /** ResNet-18's layout (2, 2, 2, 2 basic blocks) with the given stem width, doubled at every stage. */
    public static ResNetOnnx resNet18Shaped(int side, int width, int classes, long seed) {
        return new ResNetOnnx(side, width, List.of(width, 2 * width, 4 * width, 8 * width), List.of(2, 2, 2, 2),
                classes, seed);
    }

    /** The serialised model. */
    public byte[] toBytes() {
        return new Writing(this).write();
    }

    /** Output tensor of the ReLU closing the last block of stage {@code stage} (1-based, as torchvision's layer1). */
    public String stageOutput(int stage) {
        Objects.checkIndex(stage - 1, stageBlocks.size());
        String block = "/layer" + stage + "/layer" + stage + "." + (stageBlocks.get(stage - 1) - 1);
        return block + "/relu_1/Relu_output_0";
    }

    /** The state of one serialisation: the writer, the weight stream and a counter for folded weight names. */
    private static final class Writing {
        private final ResNetOnnx net;
        private final OnnxModelWriter model;
        private final SplittableRandom random;
        private int folded;

        Writing(ResNetOnnx net) {
            this.net = net;
            this.model = OnnxModelWriter.graph("main_graph").input(INPUT, Dim.symbolic("batch_size"), Dim.of(3),
                    Dim.of(net.side()), Dim.of(net.side()));
            this.random = new SplittableRandom(net.seed());
        }

        byte[] write() {
            String x = conv("/conv1/Conv", INPUT, 3, net.stemChannels(), 7, 2, 1.0);
            x = relu("/relu/Relu", x);
            x = node("MaxPool", "/maxpool/MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 3, 3),
                    Attribute.ofInts("pads", 1, 1, 1, 1), Attribute.ofInts("strides", 2, 2));
            int channels = net.stemChannels();
            for (int stage = 1; stage <= net.stageBlocks().size(); stage++) {
                int out = net.stageChannels().get(stage - 1);
                for (int block = 0; block < net.stageBlocks().get(stage - 1); block++) {
                    int stride = block == 0 && stage > 1 ? 2 : 1;
                    x = basicBlock("/layer" + stage + "/layer" + stage + "." + block, x, channels, out, stride);
                    channels = out;
                }
            }
            x = node("GlobalAveragePool", "/avgpool/GlobalAveragePool", List.of(x));
            x = node("Flatten", "/Flatten", List.of(x), Attribute.ofInt("axis", 1));
            model.initializer("fc.weight", heNormal(net.classes() * channels, channels, 1.0), net.classes(),
                            channels)
                    .initializer("fc.bias", new float[net.classes()], net.classes())
                    .node("Gemm", "/fc/Gemm", List.of(x, "fc.weight", "fc.bias"), List.of(LOGITS),
                            Attribute.ofFloat("alpha", 1f), Attribute.ofFloat("beta", 1f),
                            Attribute.ofInt("transB", 1))
                    .output(LOGITS, Dim.symbolic("batch_size"), Dim.of(net.classes()));
            return model.toBytes();
        }

        private String basicBlock(String path, String x, int in, int out, int stride) {
            String y = conv(path + "/conv1/Conv", x, in, out, 3, stride, 1.0);
            y = relu(path + "/relu/Relu", y);
            y = conv(path + "/conv2/Conv", y, out, out, 3, 1, RESIDUAL_SCALE);
            String shortcut = stride != 1 || in != out
                    ? conv(path + "/downsample/downsample.0/Conv", x, in, out, 1, stride, 1.0) : x;
            String sum = node("Add", path + "/Add", List.of(y, shortcut));
            return relu(path + "/relu_1/Relu", sum);
        }

        private String conv(String name, String x, int in, int out, int kernel, int stride, double scale) {
            String weight = "onnx::Conv_" + (++folded);
            String bias = "onnx::Conv_" + (++folded);
            int pad = kernel / 2;
            model.initializer(weight, heNormal(out * in * kernel * kernel, in * kernel * kernel, scale), out, in,
                            kernel, kernel)
                    .initializer(bias, new float[out], out);
            return node("Conv", name, List.of(x, weight, bias), Attribute.ofInts("dilations", 1, 1),
                    Attribute.ofInt("group", 1), Attribute.ofInts("kernel_shape", kernel, kernel),
                    Attribute.ofInts("pads", pad, pad, pad, pad), Attribute.ofInts("strides", stride, stride));
        }

        private String relu(String name, String x) {
            return node("Relu", name, List.of(x));
        }

        /** A node whose one output is named as torch.onnx.export names it: the node name + "_output_0". */
        private String node(String op, String name, List<String> inputs, Attribute... attributes) {
            String output = name + "_output_0";
            model.node(op, name, inputs, List.of(output), attributes);
            return output;
        }

        private float[] heNormal(int count, int fanIn, double scale) {
            double sd = scale * Math.sqrt(2.0 / fanIn);
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = (float) (sd * random.nextGaussian());
            }
            return values;
        }
    }
}
