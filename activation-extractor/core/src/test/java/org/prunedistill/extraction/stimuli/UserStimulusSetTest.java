package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

class UserStimulusSetTest {

    /** Grey levels are n/255; sums in float. */
    private static final double PERCENT_TOLERANCE = 1e-4;
    private static final String HEADER = "id,file,object,axis,value\n";

    @TempDir
    Path dir;

    @Test
    void loadsAFolderAndComputesMissingLuminanceAndContrast() throws IOException {
        TestImages.uniformPng(dir, "a.png", 4, 4, 255);
        TestImages.halfWhitePng(dir, "b.png");
        Path csv = csv(HEADER + "x,a.png,box,position,-15\ny,b.png,ball,size,25\n");
        UserStimulusSet set = UserStimulusSet.load(dir, csv).withImageSize(2);
        List<StimulusCondition> c = set.conditions();
        assertEquals(List.of("x", "y"), set.ids());
        assertEquals(new StimulusCondition(0, 0, "box", "position", -15.0, 100.0, 0.0), c.get(0));
        assertEquals(1, c.get(1).object());
        assertEquals(50.0, c.get(1).luminance(), PERCENT_TOLERANCE);
        assertEquals(50.0, c.get(1).contrast(), PERCENT_TOLERANCE);
    }

    @Test
    void resizesByAreaAveragingAndReplicatesChannels() throws IOException {
        TestImages.halfWhitePng(dir, "b.png");
        UserStimulusSet set = UserStimulusSet.load(dir, csv(HEADER + "y,b.png,ball,size,25\n"))
                .withImageSize(1).withChannels(3);
        float[] image = set.renderClean(0);
        assertEquals(3, image.length);
        for (float v : image) {
            assertEquals(0.5, v, PERCENT_TOLERANCE);
        }
    }

    @Test
    void givenLuminanceAndContrastAreKept() throws IOException {
        TestImages.uniformPng(dir, "a.png", 3, 3, 10);
        Path csv = csv("file,id,object,axis,value,luminance,contrast\na.png,x,box,rotation,20,12.5,\n");
        StimulusCondition c = UserStimulusSet.load(dir, csv).conditions().get(0);
        assertEquals(12.5, c.luminance());
        assertEquals(0.0, c.contrast(), PERCENT_TOLERANCE);
    }

    @Test
    void loadsTheSameImagesFromAZip() throws IOException {
        TestImages.uniformPng(dir, "a.png", 4, 4, 128);
        Path zip = dir.resolve("set.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("img/a.png"));
            out.write(Files.readAllBytes(dir.resolve("a.png")));
            out.closeEntry();
        }
        Path csv = csv(HEADER + "x,img/a.png,box,position,0\n");
        assertEquals(100.0 * 128 / 255, UserStimulusSet.load(zip, csv).conditions().get(0).luminance(),
                PERCENT_TOLERANCE);
    }

    @Test
    void missingFileIsReportedWithItsLine() throws IOException {
        TestImages.uniformPng(dir, "a.png", 2, 2, 1);
        assertLoadFails(HEADER + "x,a.png,box,position,0\ny,nope.png,box,position,5\n", "line 3", "nope.png");
    }

    @Test
    void unreadableImageIsReportedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("bad.png"), "not a png");
        assertLoadFails(HEADER + "x,bad.png,box,position,0\n", "line 2", "cannot read image");
    }

    @Test
    void duplicateIdIsReportedWithBothLines() throws IOException {
        TestImages.uniformPng(dir, "a.png", 2, 2, 1);
        assertLoadFails(HEADER + "x,a.png,box,position,0\nx,a.png,box,position,5\n", "line 3", "line 2");
    }

    @Test
    void unknownColumnIsReportedOnTheHeader() throws IOException {
        assertLoadFails("id,file,object,axis,value,colour\n", "line 1", "colour");
    }

    @Test
    void badNumbersAndAxesAreReportedWithTheirLine() throws IOException {
        TestImages.uniformPng(dir, "a.png", 2, 2, 1);
        assertLoadFails(HEADER + "x,a.png,box,position,left\n", "line 2", "value");
        assertLoadFails("id,file,object,axis,value,luminance\nx,a.png,box,position,0,140\n", "line 2", "luminance");
        assertLoadFails(HEADER + "x,a.png,box,twist,0\n", "line 2", "axis");
        assertLoadFails(HEADER + "x,a.png,box,position\n", "line 2", "fields");
        assertLoadFails(HEADER + "x,../a.png,box,position,0\n", "line 2", "outside");
    }

    @Test
    void unicodeSpacesCountAsEmptyFieldsAsBlankLinesDo() throws IOException {
        TestImages.uniformPng(dir, "a.png", 2, 2, 1);
        // U+2003 (em space) and U+3000 (ideographic space): blank to isBlank(), but not to trim().
        assertLoadFails(HEADER + "x,\u2003,box,position,0\n", "line 2", "empty 'file'");
        assertLoadFails(HEADER + "\u3000,a.png,box,position,0\n", "line 2", "empty 'id'");
        UserStimulusSet set = UserStimulusSet.load(dir, csv(HEADER + "x,\u2003a.png\u3000,box,position,0\n"));
        assertEquals(1, set.conditions().size());
    }

    private void assertLoadFails(String table, String... fragments) throws IOException {
        Path csv = csv(table);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserStimulusSet.load(dir, csv));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("meta.csv"), e.getMessage());
    }

    private Path csv(String text) throws IOException {
        Path csv = dir.resolve("meta.csv");
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        return csv;
    }
}
