package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StimulusSetHashTest {

    @TempDir
    Path dir;

    @Test
    void sameDefinitionGivesTheSameLowerCaseHexAddress() {
        String a = StimulusSetHash.of(RatObjectStimulusSet.withDefaults(), 1L);
        assertEquals(a, StimulusSetHash.of(RatObjectStimulusSet.withDefaults(), 1L));
        assertTrue(a.matches("[0-9a-f]{64}"), a);
    }

    @Test
    void anyParameterOrSeedChangeGivesANewAddress() {
        RatObjectStimulusSet base = RatObjectStimulusSet.withDefaults();
        Set<String> hashes = Set.of(
                StimulusSetHash.of(base, 1L),
                StimulusSetHash.of(base, 2L),
                StimulusSetHash.of(base.withImageSize(224), 1L),
                StimulusSetHash.of(base.withChannels(3), 1L),
                StimulusSetHash.of(base.withFieldOfView(90.0), 1L),
                StimulusSetHash.of(base.withTrials(26), 1L),
                StimulusSetHash.of(base.withJitter(0.25), 1L),
                StimulusSetHash.of(base.withPixelNoise(0.0), 1L),
                StimulusSetHash.of(base.withSupersampling(2), 1L));
        assertEquals(9, hashes.size());
    }

    @Test
    void lengthPrefixesKeepShiftedBoundariesApart() {
        assertNotEquals(StimulusSetHash.procedural("ab", Map.of("c", "d"), 0L),
                StimulusSetHash.procedural("a", Map.of("bc", "d"), 0L));
    }

    @Test
    void userSetAddressFollowsImageAndCsvBytes() throws IOException {
        TestImages.uniformPng(dir, "a.png", 2, 2, 10);
        Path csv = dir.resolve("meta.csv");
        Files.writeString(csv, "id,file,object,axis,value\nx,a.png,box,position,0\n");
        String first = StimulusSetHash.of(UserStimulusSet.load(dir, csv));
        assertEquals(first, StimulusSetHash.of(UserStimulusSet.load(dir, csv)));
        assertNotEquals(first, StimulusSetHash.of(UserStimulusSet.load(dir, csv).withImageSize(32)));
        TestImages.uniformPng(dir, "a.png", 2, 2, 11);
        String changedImage = StimulusSetHash.of(UserStimulusSet.load(dir, csv));
        Files.writeString(csv, "id,file,object,axis,value\nx,a.png,box,position,5\n");
        String changedCsv = StimulusSetHash.of(UserStimulusSet.load(dir, csv));
        assertEquals(3, Set.of(first, changedImage, changedCsv).size());
    }
}
