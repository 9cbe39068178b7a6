package org.prunedistill.launcher.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.extraction.model.ResNetOnnx;
import picocli.CommandLine;

/**
 * {@code ./pd layers} on a ResNet-18-shaped model exported the torchvision way (only the logits are outputs): the
 * stage outputs are the defaults, with their shapes, depths and torchvision ResNet-18's receptive fields.
 */
class LayersCommandTest {

    private static final String PREPROCESSING = "{\"resize\":128,\"crop\":112,\"channels\":3,"
            + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225]}";
    private static final ResNetOnnx RESNET = ResNetOnnx.resNet18Shaped(112, 4, 10, 1);

    @TempDir
    Path directory;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LayersCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path model() throws Exception {
        Path file = directory.resolve("resnet18.onnx");
        Files.write(file, RESNET.toBytes());
        return file;
    }

    private Path preprocessing() throws Exception {
        Path file = directory.resolve("preprocessing.json");
        Files.writeString(file, PREPROCESSING);
        return file;
    }

    @Test
    void listsEveryLayerAsJsonWithTheStageOutputsAsDefaults() throws Exception {
        Run run = run("--onnx", model().toString(), "--preprocessing", preprocessing().toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("residual", root.get("architecture").asText());
        assertEquals(112, root.get("input_side").asInt());
        List<String> defaults = new ArrayList<>();
        root.get("defaults").forEach(name -> defaults.add(name.asText()));
        assertEquals(List.of("input", "/maxpool/MaxPool_output_0", RESNET.stageOutput(1), RESNET.stageOutput(2),
                RESNET.stageOutput(3), RESNET.stageOutput(4), "/avgpool/GlobalAveragePool_output_0", "logits"),
                defaults);
        JsonNode layer4 = layer(root, RESNET.stageOutput(4));
        assertEquals("[32,4,4]", layer4.get("shape").toString());
        assertEquals(512, layer4.get("units").asInt());
        assertEquals(17.0 / 18, layer4.get("relative_depth").asDouble(), 0.0);
        assertEquals(true, layer4.get("default").asBoolean());
        assertEquals("{\"kind\":\"window\",\"window\":435,\"stride\":32,\"offset\":-217}",
                layer4.get("receptive_field").toString());
        assertEquals("whole-input", layer(root, "logits").get("receptive_field").get("kind").asText());
        assertEquals(false, layer(root, "/layer4/layer4.1/Add_output_0").get("default").asBoolean());
    }

    private static JsonNode layer(JsonNode root, String name) {
        for (JsonNode layer : root.get("layers")) {
            if (layer.get("name").asText().equals(name)) {
                return layer;
            }
        }
        throw new AssertionError(name + " not listed");
    }

    @Test
    void theTableMarksTheDefaultsAndGivesShapeDepthAndField() throws Exception {
        Run run = run("--onnx", model().toString(), "--preprocessing", preprocessing().toString());
        assertEquals(0, run.exit(), run.err());
        String stage2 = run.out().lines().filter(line -> line.contains(RESNET.stageOutput(2) + " "))
                .findFirst().orElseThrow();
        assertTrue(stage2.startsWith("* "), stage2);
        assertTrue(stage2.contains("8x14x14") && stage2.contains("0.500") && stage2.contains("window 99, stride 8"),
                stage2);
        assertTrue(run.out().contains("residual network; 8 of "), run.out());
    }

    @Test
    void aModelThatDoesNotFitThePreprocessingIsRefusedNamingTheFile() throws Exception {
        Run run = run("--onnx", model().toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("resnet18.onnx") && run.err().contains("crop is 224"), run.err());
    }
}
