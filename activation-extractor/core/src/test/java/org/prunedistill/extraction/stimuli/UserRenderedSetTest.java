package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRenderedSetTest {

    @TempDir
    Path dir;

    @Test
    void trialsAreTheImageWithSeededPixelNoise() throws IOException {
        UserRenderedSet set = new UserRenderedSet(load(), 3);
        float[] clean = set.renderCleanWithMask(1).image();
        float[] trial = set.render(1, 2, 7);
        assertArrayEquals(trial, set.render(1, 2, 7), "same seed, condition and trial, same image");
        assertFalse(Arrays.equals(trial, set.render(1, 1, 7)), "another trial, other noise");
        double sumSquares = 0;
        for (int i = 0; i < clean.length; i++) {
            sumSquares += (trial[i] - clean[i]) * (trial[i] - clean[i]);
        }
        double sd = Math.sqrt(sumSquares / clean.length);
        assertTrue(sd > 0.005 && sd < 0.03, "noise SD near 0.02 (half the pixels clipped at white): " + sd);
        assertThrows(IllegalArgumentException.class, () -> set.render(1, 3, 7));
    }

    @Test
    void aPhotographCarriesNoObjectMask() throws IOException {
        UserRenderedSet set = new UserRenderedSet(load(), 2);
        for (int c = 0; c < set.conditions().size(); c++) {
            assertTrue(set.renderCleanWithMask(c).objectMask().isEmpty(), "condition " + c);
        }
    }

    @Test
    void describesItselfForRunsAndContentHashes() throws IOException {
        UserRenderedSet set = new UserRenderedSet(load(), 2);
        assertEquals(UserRenderedSet.NAME, set.name());
        assertEquals(List.of("box", "ball"), set.objectNames());
        assertEquals(2, set.conditions().size());
        assertTrue(Double.isNaN(set.degreesPerPixel()));
        assertEquals(64, set.parameters().get("stimulus_set_sha256").length());
        assertEquals("2", set.parameters().get("trials"));
        assertEquals("ziggurat-256", set.parameters().get("pixel_noise_generator"));
    }

    private UserStimulusSet load() throws IOException {
        TestImages.uniformPng(dir, "a.png", 8, 8, 128);
        TestImages.halfWhitePng(dir, "b.png");
        Path csv = dir.resolve("meta.csv");
        Files.writeString(csv, "id,file,object,axis,value\nx,a.png,box,position,-15\ny,b.png,ball,size,25\n");
        return UserStimulusSet.load(dir, csv).withImageSize(8);
    }
}
