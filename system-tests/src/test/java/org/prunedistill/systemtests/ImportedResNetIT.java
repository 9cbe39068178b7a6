package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.extraction.model.ResNetOnnx;
import org.prunedistill.launcher.RunClient;

/**
 * A user's own network and images, as a new user brings them: a ResNet-18-shaped model exported the torchvision way
 * (only the logits are graph outputs; random weights written by the test, 4 to 32 channels at 112 px) and colour
 * photographs with their CSV. Without chosen layers the run analyses the layers Ansuini et al. probed (SCIENCE.md 1):
 * the input, the stem's pooling, the four stage outputs, the global pooling and the logits, at their depths along the
 * deepest path (of 18 weighted layers) and with torchvision ResNet-18's receptive fields; the images reach the model
 * in colour at the preprocessing's resize, and the one image smaller than the crop is named in a warning.
 */
@ExtendWith(WithRunningSystem.class)
class ImportedResNetIT {

    private static final int SIDE = 112;
    private static final int RESIZE = 128;
    private static final String PREPROCESSING = "{\"resize\":" + RESIZE + ",\"crop\":" + SIDE + ",\"channels\":3,"
            + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225]}";
    private static final int OBJECTS = 3;
    private static final int VIEWS = 4;
    private static final int SMALL = 96;
    private static final int[] COLOURS = {0xE04020, 0x30C050, 0x4060E0};

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();

    @Test
    void aTorchvisionStyleResNetIsAnalysedAtItsStageOutputsOnColourImagesAtItsCrop() throws Exception {
        ResNetOnnx resnet = ResNetOnnx.resNet18Shaped(SIDE, 4, 10, 18);
        Path model = running.data().resolve("resnet18-shaped.onnx");
        Files.write(model, resnet.toBytes());
        Path folder = Files.createTempDirectory(running.data(), "photos");
        StringBuilder csv = new StringBuilder("id,file,object,axis,value\n");
        for (int object = 0; object < OBJECTS; object++) {
            for (int view = 0; view < VIEWS; view++) {
                String file = "o" + object + "v" + view + ".png";
                boolean small = object == OBJECTS - 1 && view == VIEWS - 1;
                write(folder.resolve(file), small ? SMALL : RESIZE, COLOURS[object], view);
                csv.append(file).append(',').append(file).append(",object-").append(object).append(",position,")
                        .append(view * 5).append('\n');
            }
        }
        Path table = folder.resolve("photos.csv");
        Files.writeString(table, csv);

        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("user").setTrials(2)
                        .setImagesUri(folder.toUri().toString()).setMetadataUri(table.toUri().toString()))
                .addModels(ModelSource.newBuilder().setModel("resnet18").setPreprocessingJson(PREPROCESSING)
                        .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("random")
                                .setUri(model.toUri().toString())))
                .build();
        client.submit("imported-resnet", spec);
        Run run = client.follow("imported-resnet", RunningSystem.RUN_TIMEOUT, update -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());

        List<SourceStatus> sources = run.getSourcesList().stream()
                .sorted(Comparator.comparingInt(s -> s.getSource().getOrder())).toList();
        assertEquals(List.of(ResNetOnnx.INPUT, "/maxpool/MaxPool_output_0", resnet.stageOutput(1),
                resnet.stageOutput(2), resnet.stageOutput(3), resnet.stageOutput(4),
                "/avgpool/GlobalAveragePool_output_0", ResNetOnnx.LOGITS),
                sources.stream().map(s -> s.getSource().getName()).toList());
        assertEquals(List.of(0.0, 1 / 18.0, 5 / 18.0, 9 / 18.0, 13 / 18.0, 17 / 18.0, 17 / 18.0, 1.0),
                sources.stream().map(s -> s.getSource().getRelativeDepth()).toList());
        // Window, stride and start of the first window in pixels of the 112 px input, as hand-computed in
        // DefaultLayerChoiceTest: torchvision ResNet-18's 11, 43, 99, 211 and 435 pixels.
        List<List<String>> fields = List.of(List.of("1", "1", "0"), List.of("11", "4", "-5"),
                List.of("43", "4", "-21"), List.of("99", "8", "-49"), List.of("211", "16", "-105"),
                List.of("435", "32", "-217"));
        for (int i = 0; i < sources.size(); i++) {
            SourceStatus source = sources.get(i);
            String name = source.getSource().getName();
            Map<String, String> provenance = source.getProvenanceMap();
            assertEquals(List.of("information", "intrinsic-dimension"), source.getAnalysesDoneList(), name);
            assertEquals("3", provenance.get("channels"), name + ": the images are in colour");
            assertEquals(Integer.toString(RESIZE), provenance.get("image_size"), name + ": at the resize");
            assertEquals("3", provenance.get("model_input_channels"), name);
            assertEquals(Integer.toString(SIDE), provenance.get("model_input_side"), name + ": at the crop");
            assertEquals("residual", provenance.get("layer_choice"), name);
            if (i < fields.size()) {
                assertEquals(fields.get(i), List.of(provenance.get("receptive_field_window_px"),
                        provenance.get("receptive_field_stride_px"), provenance.get("receptive_field_offset_px")),
                        name);
            } else {
                assertEquals("whole-input", provenance.get("receptive_field"), name);
            }
        }
        assertTrue(run.getWarningsList().stream().anyMatch(warning -> warning.contains("1 of 12 image(s)")
                && warning.contains("o2v3.png (96 x 96 px)") && warning.contains(SIDE + " px")),
                run.getWarningsList().toString());
    }

    /** A coloured square on dark grey, its colour the object's and its place the view's. */
    private static void write(Path file, int side, int colour, int view) throws Exception {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        int square = side / 3;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int left = view * side / 6;
                boolean inside = x >= left && x < left + square && y >= side / 3 && y < side / 3 + square;
                image.setRGB(x, y, inside ? colour : 0x202020);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
