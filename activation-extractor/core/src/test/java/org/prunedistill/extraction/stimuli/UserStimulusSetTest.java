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
            assertEquals(128 / 255.0, v, PERCENT_TOLERANCE, "the average 0.5 kept as the nearest of 256 levels");
        }
        assertEquals(50.0, set.conditions().get(0).luminance(), PERCENT_TOLERANCE,
                "the table describes the resized image before its rounding");
    }

    /** Orange (255, 128, 0): RGB 1, 128/255, 0; luma 0.299 + 0.587 x 128/255. */
    @Test
    void keepsColourInThreeChannelsAndTakesTheLumaInOne() throws IOException {
        TestImages.uniformColourPng(dir, "orange.png", 3, 3, 0xFF8000);
        TestImages.uniformPng(dir, "grey.png", 3, 3, 51);
        Path csv = csv(HEADER + "o,orange.png,fruit,position,0\ng,grey.png,stone,position,0\n");
        double luma = 0.299 + 0.587 * 128 / 255;
        UserStimulusSet colour = UserStimulusSet.load(dir, csv, 2, 3);
        float[] orange = colour.renderClean(0);
        assertEquals(3 * 2 * 2, orange.length);
        assertEquals(1.0, orange[0], PERCENT_TOLERANCE);
        assertEquals(128 / 255.0, orange[4], PERCENT_TOLERANCE);
        assertEquals(0.0, orange[8], PERCENT_TOLERANCE);
        assertEquals(100 * luma, colour.conditions().get(0).luminance(), PERCENT_TOLERANCE, "luminance is luma");
        float[] grey = colour.renderClean(1);
        for (float v : grey) {
            assertEquals(0.2, v, PERCENT_TOLERANCE, "a grey file in colour is its grey level in every channel");
        }
        UserStimulusSet single = UserStimulusSet.load(dir, csv, 2, 1);
        assertEquals(4, single.renderClean(0).length);
        assertEquals(Math.round(luma * 255) / 255.0, single.renderClean(0)[0], PERCENT_TOLERANCE,
                "the luma kept as the nearest of 256 levels");
        long files = Files.size(dir.resolve("orange.png")) + Files.size(dir.resolve("grey.png")) + Files.size(csv);
        assertEquals(files + 2 * 3 * 2 * 2, colour.residentBytes(),
                "the set holds its files, its table and one byte a channel of each resized image");
        assertEquals(colour.conditions(), single.conditions(), "the same metadata in grey and in colour");
    }

    @Test
    void namesTheImagesSmallerThanASideAndRefusesOtherChannelCounts() throws IOException {
        TestImages.uniformPng(dir, "big.png", 4, 4, 10);
        TestImages.uniformPng(dir, "low.png", 5, 3, 10);
        Path csv = csv(HEADER + "b,big.png,box,position,0\nl,low.png,box,position,5\n");
        UserStimulusSet set = UserStimulusSet.load(dir, csv);
        assertEquals(List.of(new UserStimulusSet.SmallImage("l", "low.png", 5, 3)), set.imagesSmallerThan(4));
        assertEquals("low.png (5 x 3 px)", set.imagesSmallerThan(4).get(0).toString());
        assertEquals(2, set.imagesSmallerThan(6).size());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> set.withChannels(2));
        assertTrue(two.getMessage().contains("1 (grey) or 3 (RGB)"), two.getMessage());
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

    /** The files are decoded in parallel; the error still names the first unreadable row of the table. */
    @Test
    void theFirstUnreadableImageOfTheTableIsReported() throws IOException {
        TestImages.uniformPng(dir, "a.png", 2, 2, 1);
        Files.writeString(dir.resolve("bad1.png"), "not a png");
        Files.writeString(dir.resolve("bad2.png"), "not a png either");
        StringBuilder table = new StringBuilder(HEADER);
        for (int i = 0; i < 40; i++) {
            table.append("g").append(i).append(",a.png,box,position,").append(i).append('\n');
        }
        table.append("b1,bad1.png,box,position,50\n");
        for (int i = 0; i < 40; i++) {
            table.append("h").append(i).append(",a.png,box,position,").append(60 + i).append('\n');
        }
        table.append("b2,bad2.png,box,position,200\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserStimulusSet.load(dir, csv(table.toString())));
        assertTrue(e.getMessage().contains("line 42 (id 'b1')") && e.getMessage().contains("bad1.png"),
                e.getMessage());
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
