package org.prunedistill.extraction.stimuli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.testsupport.fuzz.FuzzCases;

/**
 * Fuzzes the metadata CSV parser of {@link UserStimulusSet}: mutated valid tables must parse or be refused with an
 * {@link IllegalArgumentException} whose message starts with the CSV name; see {@link FuzzCases}.
 */
class UserStimulusCsvFuzzTest {

    private static final String SOURCE = "meta.csv";

    @Test
    void mutatedTablesParseOrAreRefusedClearly() {
        List<byte[]> seeds = List.of(
                "id,file,object,axis,value\nx,a.png,box,position,-15\ny,b.png,ball,size,25\n"
                        .getBytes(StandardCharsets.UTF_8),
                "\uFEFFfile,id,object,axis,value,luminance,contrast\r\n\"a,1.png\",x,\"b\"\"ox\",rotation,20,12.5,\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        FuzzCases.mutate("UserStimulusCsv.parse", seeds, List.of("\"", ",", "\n", "\r\n", "\"\"", "1e999", "NaN",
                "-Infinity", "\uFEFF", "luminance", "id", "101", "-1e-320", "0x1p3"), 400,
                input -> UserStimulusCsv.parse(input, SOURCE),
                FuzzCases.refusal(IllegalArgumentException.class, SOURCE + ": "));
    }
}
