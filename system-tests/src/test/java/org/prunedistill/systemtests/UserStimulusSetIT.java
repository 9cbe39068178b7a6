package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.RunClient;

/**
 * A user's own images (a folder of PNG files and a CSV of per-image metadata) through the whole pipeline, and a
 * table naming a missing file refused with its line.
 */
@ExtendWith(WithRunningSystem.class)
class UserStimulusSetIT {

    private static final int OBJECTS = 3;
    private static final int VIEWS = 4;

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();

    @Test
    void aFolderOfImagesWithItsTableIsAnalysedLikeTheRenderedSets() throws Exception {
        Path folder = Files.createTempDirectory(running.data(), "user-set");
        StringBuilder csv = new StringBuilder("id,file,object,axis,value\n");
        for (int object = 0; object < OBJECTS; object++) {
            for (int view = 0; view < VIEWS; view++) {
                String file = "o" + object + "v" + view + ".png";
                write(folder.resolve(file), object, view);
                csv.append(file).append(',').append(file).append(",object-").append(object).append(",position,")
                        .append(view * 5).append('\n');
            }
        }
        Path table = folder.resolve("metadata.csv");
        Files.writeString(table, csv);

        Run run = submit("user-set", folder, table);
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());
        SourceStatus fc1 = run.getSourcesList().stream().filter(s -> s.getSource().getName().equals("fc1"))
                .findFirst().orElseThrow();
        assertEquals(List.of("information", "intrinsic-dimension"), fc1.getAnalysesDoneList());
        assertTrue(client.idProfile("user-set").getPointsList().stream()
                .anyMatch(p -> p.getSource().getName().equals("fc1") && p.getEstimator().equals("twonn")));
    }

    @Test
    void aTableNamingAMissingImageFailsTheRunNamingTheLine() throws Exception {
        Path folder = Files.createTempDirectory(running.data(), "user-set-broken");
        write(folder.resolve("a.png"), 0, 0);
        Path table = folder.resolve("metadata.csv");
        Files.writeString(table, "id,file,object,axis,value\na,a.png,cube,position,0\nb,missing.png,cube,position,5\n");
        Run run = submit("user-set-broken", folder, table);
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertTrue(run.getFailureReason().contains("missing.png") && run.getFailureReason().contains("line 3"),
                run.getFailureReason());
    }

    private Run submit(String runId, Path folder, Path table) {
        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("user").setTrials(3)
                        .setImagesUri(folder.toUri().toString()).setMetadataUri(table.toUri().toString()))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")
                        .addLayers("pool2").addLayers("fc1"))
                .build();
        client.submit(runId, spec);
        return client.follow(runId, RunningSystem.RUN_TIMEOUT, update -> { });
    }

    /** A bright square whose size depends on the object and whose place on the view. */
    private static void write(Path file, int object, int view) throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        int side = 10 + 8 * object;
        for (int y = 20; y < 20 + side && y < 64; y++) {
            for (int x = 4 + 6 * view; x < 4 + 6 * view + side && x < 64; x++) {
                image.getRaster().setSample(x, y, 0, 200);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
