package org.prunedistill.launcher.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prunedistill.extraction.model.ImportedModel;
import org.prunedistill.extraction.model.LayerCatalog;
import org.prunedistill.extraction.model.ModelPreprocessing;
import org.prunedistill.extraction.model.OnnxReceptiveFields;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pd layers}: every layer of an ONNX model a run can read, with its shape, relative depth, receptive field
 * and whether a run without {@code --layers} analyses it (SCIENCE.md 1 and 3.7), so that a user can pick layers by
 * name. Offline: the model is parsed and run once on an all-zero image by ONNX Runtime, as the extractor does.
 *
 * <p>Exit codes: 0 on success, 1 when the model or the preprocessing is refused (one line on stderr naming the file
 * and what is wrong), 2 for a command-line usage error (picocli).
 */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = {"Lists every layer of an ONNX model that a run can analyse: its name (what --layers takes), "
                + "producing operator, shape per image, relative depth (convolution and dense operations on the "
                + "deepest path up to the layer / on the whole network, SCIENCE.md 3.7) and receptive field in "
                + "pixels of the model input (the preprocessing's crop): the window side, the stride between "
                + "neighbouring units' windows and where the first window starts. Layers marked * are the defaults "
                + "of a run without --layers, chosen from the graph as Ansuini et al. 2019 chose them (SCIENCE.md "
                + "1): for a residual network the input, the stem's pooling, the output of each residual stage, the "
                + "global pooling and the logits; for a plain one (VGG, AlexNet) the input and every pooling and "
                + "dense output; otherwise the input, the last tensor at each spatial resolution and every dense "
                + "output.", ""},
        footer = {"", "Example: ./pd layers --onnx resnet18.onnx",
                "         ./pd run --model resnet18 --onnx-checkpoint trained=resnet18.onnx "
                        + "--layers /layer3/layer3.1/relu_1/Relu_output_0 --images photos/ --metadata photos.csv"})
public final class LayersCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--onnx", paramLabel = "FILE.onnx", required = true, description = "the model (weights inside "
            + "the file, one image input [N, C, H, W])")
    Path onnx;

    @Option(names = "--preprocessing", paramLabel = "FILE.json", description = "its preprocessing, as for ./pd run "
            + "(activation-extractor/README.md; default: ImageNet, resize 256, crop 224, 3 channels)")
    Path preprocessing;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ModelPreprocessing steps = preprocessing == null ? ModelPreprocessing.IMAGENET
                    : ModelPreprocessing.fromJson(read(preprocessing), preprocessing.toString());
            ImportedModel model = ImportedModel.of(String.valueOf(onnx.getFileName()), read(onnx), steps);
            LayerCatalog catalog = model.layerCatalog(Math.max(1, Runtime.getRuntime().availableProcessors()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(model, catalog) : table(model, catalog));
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("pd layers: " + onnx + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String table(ImportedModel model, LayerCatalog catalog) {
        StringBuilder out = new StringBuilder();
        out.append(model.name()).append(" (sha256 ").append(model.sha256()).append("): input '")
                .append(model.inputName()).append("', ").append(architecture(catalog)).append(" network; ")
                .append(catalog.defaults().size()).append(" of ").append(catalog.layers().size())
                .append(" layers are the defaults (*)\n");
        int width = catalog.layers().stream().mapToInt(entry -> entry.layer().name().length()).max().orElse(4);
        out.append(String.format(Locale.ROOT, "  %-" + width + "s  %-18s %-16s %6s  %s%n", "layer", "op", "shape",
                "depth", "receptive field (px of the " + catalog.inputSide() + " px input)"));
        for (LayerCatalog.Entry entry : catalog.layers()) {
            out.append(String.format(Locale.ROOT, "%s %-" + width + "s  %-18s %-16s %6.3f  %s%n",
                    entry.isDefault() ? "*" : " ", entry.layer().name(), entry.layer().opType(), shape(entry.shape()),
                    entry.layer().relativeDepth(), field(entry.field())));
        }
        return out.toString();
    }

    private static String architecture(LayerCatalog catalog) {
        return catalog.architecture().name().toLowerCase(Locale.ROOT);
    }

    private static String shape(List<Long> shape) {
        return shape.isEmpty() ? "scalar" : String.join("x", shape.stream().map(String::valueOf).toList());
    }

    private static String field(OnnxReceptiveFields.Field field) {
        if (field instanceof OnnxReceptiveFields.Local local) {
            return "window " + local.window() + ", stride " + local.jump() + ", first at " + local.offset();
        }
        if (field instanceof OnnxReceptiveFields.Unknown unknown) {
            return "unknown (whole image in a run): " + unknown.reason();
        }
        return "whole input";
    }

    static String json(ImportedModel model, LayerCatalog catalog) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.name());
        root.put("sha256", model.sha256());
        root.put("input", model.inputName());
        root.put("input_side", catalog.inputSide());
        root.put("architecture", architecture(catalog));
        root.put("defaults", catalog.defaults());
        root.put("layers", catalog.layers().stream().map(LayersCommand::layer).toList());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }

    private static Map<String, Object> layer(LayerCatalog.Entry entry) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("name", entry.layer().name());
        layer.put("op", entry.layer().opType());
        layer.put("order", entry.layer().order());
        layer.put("shape", entry.shape());
        layer.put("units", entry.units());
        layer.put("relative_depth", entry.layer().relativeDepth());
        layer.put("default", entry.isDefault());
        Map<String, Object> field = new LinkedHashMap<>();
        if (entry.field() instanceof OnnxReceptiveFields.Local local) {
            field.put("kind", "window");
            field.put("window", local.window());
            field.put("stride", local.jump());
            field.put("offset", local.offset());
        } else if (entry.field() instanceof OnnxReceptiveFields.Unknown unknown) {
            field.put("kind", "unknown");
            field.put("reason", unknown.reason());
        } else {
            field.put("kind", "whole-input");
        }
        layer.put("receptive_field", field);
        return layer;
    }
}
