package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

/**
 * A ResNet (He et al. 2016) written as ONNX the way {@code torch.onnx.export} writes a torchvision ResNet in eval
 * mode: batch normalisation folded into the convolutions, node and tensor names of the module path
 * ({@code /layer2/layer2.0/relu_1/Relu_output_0}), a symbolic batch, and only the logits as graph output. Weights
 * are random, He-normal (N(0, 2 / fan_in)) from a seed, biases zero; the last convolution of each block is scaled
 * by {@value #RESIDUAL_SCALE} so that activations stay of order one through the residual additions, as the zero-init
 * of a block's last batch norm does in training. For tests and benchmarks: no weights are downloaded.
 *
 * <p>Architecture: conv1 7x7 stride 2 pad 3, ReLU, max pool 3x3 stride 2 pad 1; stages of residual blocks, the first
 * block of every stage but the first with stride 2 and a 1x1 projection shortcut (also whenever the channels
 * change); global average pool, Flatten, Gemm. A {@link Block#BASIC} block is 3x3 conv, ReLU, 3x3 conv, Add with
 * the shortcut, ReLU ({@code relu_1} closes it); a {@link Block#BOTTLENECK} block is 1x1 conv to the stage's width,
 * ReLU, 3x3 conv (carrying the stride, as torchvision's ResNet v1.5 does), ReLU, 1x1 conv to 4 x the width, Add,
 * ReLU ({@code relu_2} closes it). {@code ResNet-18} is basic blocks 2, 2, 2, 2 of widths 64, 128, 256, 512;
 * {@code ResNet-50} is bottlenecks 3, 4, 6, 3 of the same widths (256 to 2048 channels out).
 *
 * @param side         input height and width, at least 1
 * @param stemChannels channels of conv1
 * @param block        the kind of residual block
 * @param stageWidths  width of each stage: its channels out for basic blocks, a quarter of them for bottlenecks
 * @param stageBlocks  blocks of each stage, as many entries as stageWidths
 * @param classes      logits
 * @param seed         seed of the weights
 */
public record ResNetOnnx(int side, int stemChannels, Block block, List<Integer> stageWidths,
                         List<Integer> stageBlocks, int classes, long seed) {

    /** The residual block of every stage. */
    public enum Block {
        /** Two 3x3 convolutions (ResNet-18, ResNet-34). */
        BASIC(1, "relu_1"),
        /** 1x1, 3x3, 1x1 convolutions, the last widening 4 times (ResNet-50 and deeper). */
        BOTTLENECK(4, "relu_2");

        private final int expansion;
        private final String closingActivation;

        Block(int expansion, String closingActivation) {
            this.expansion = expansion;
            this.closingActivation = closingActivation;
        }

        /** Channels out of a block per channel of the stage's width. */
        public int expansion() {
            return expansion;
        }
    }

    /** Name of the image input, as torchvision's export example names it. */
    public static final String INPUT = "input";
    /** Name of the only graph output. */
    public static final String LOGITS = "logits";
    /** Factor on the second convolution of every block. */
    public static final double RESIDUAL_SCALE = 0.5;

    public ResNetOnnx {
        Objects.requireNonNull(block, "block");
        stageWidths = List.copyOf(stageWidths);
        stageBlocks = List.copyOf(stageBlocks);
        if (side < 1 || stemChannels < 1 || classes < 1) {
            throw new IllegalArgumentException("side, stemChannels and classes must be >= 1, were " + side + ", "
                    + stemChannels + ", " + classes);
        }
        if (stageWidths.isEmpty() || stageWidths.size() != stageBlocks.size()) {
            throw new IllegalArgumentException("stageWidths and stageBlocks must be non-empty and of one length, "
                    + "were " + stageWidths + " and " + stageBlocks);
        }
        if (stageWidths.stream().anyMatch(c -> c < 1) || stageBlocks.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("every stage needs a width and blocks >= 1, were " + stageWidths
                    + " and " + stageBlocks);
        }
    }

    /** ResNet-18's layout (2, 2, 2, 2 basic blocks) with the given stem width, doubled at every stage. */
    public static ResNetOnnx resNet18Shaped(int side, int width, int classes, long seed) {
        return new ResNetOnnx(side, width, Block.BASIC, doubling(width), List.of(2, 2, 2, 2), classes, seed);
    }

    /**
     * ResNet-50's layout (3, 4, 6, 3 bottlenecks) with the given stem width, doubled at every stage; width 64 is
     * torchvision's ResNet-50 (25.6 million weights; at 224 px layer1's output has 256 x 56 x 56 = 802,816 units).
     */
    public static ResNetOnnx resNet50Shaped(int side, int width, int classes, long seed) {
        return new ResNetOnnx(side, width, Block.BOTTLENECK, doubling(width), List.of(3, 4, 6, 3), classes, seed);
    }

    private static List<Integer> doubling(int width) {
        return List.of(width, 2 * width, 4 * width, 8 * width);
    }

    /** The serialised model. */
    public byte[] toBytes() {
        return new Writing(this).write();
    }

    /** Output tensor of the ReLU closing the last block of stage {@code stage} (1-based, as torchvision's layer1). */
    public String stageOutput(int stage) {
        Objects.checkIndex(stage - 1, stageBlocks.size());
        String path = "/layer" + stage + "/layer" + stage + "." + (stageBlocks.get(stage - 1) - 1);
        return path + "/" + block.closingActivation + "/Relu_output_0";
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
                int width = net.stageWidths().get(stage - 1);
                for (int index = 0; index < net.stageBlocks().get(stage - 1); index++) {
                    int stride = index == 0 && stage > 1 ? 2 : 1;
                    String path = "/layer" + stage + "/layer" + stage + "." + index;
                    x = net.block() == Block.BASIC ? basicBlock(path, x, channels, width, stride)
                            : bottleneck(path, x, channels, width, stride);
                    channels = width * net.block().expansion();
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

        private String bottleneck(String path, String x, int in, int width, int stride) {
            int out = width * Block.BOTTLENECK.expansion();
            String y = conv(path + "/conv1/Conv", x, in, width, 1, 1, 1.0);
            y = relu(path + "/relu/Relu", y);
            y = conv(path + "/conv2/Conv", y, width, width, 3, stride, 1.0);
            y = relu(path + "/relu_1/Relu", y);
            y = conv(path + "/conv3/Conv", y, width, out, 1, 1, RESIDUAL_SCALE);
            String shortcut = stride != 1 || in != out
                    ? conv(path + "/downsample/downsample.0/Conv", x, in, out, 1, stride, 1.0) : x;
            String sum = node("Add", path + "/Add", List.of(y, shortcut));
            return relu(path + "/relu_2/Relu", sum);
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
