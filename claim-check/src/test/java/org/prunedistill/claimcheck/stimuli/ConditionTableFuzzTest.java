package org.prunedistill.claimcheck.stimuli;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.testsupport.fuzz.FuzzCases;

/**
 * Fuzzes {@link ConditionTable#fromJson}: mutated valid tables must parse or be refused with an
 * {@link IllegalArgumentException} whose message starts with the source; see {@link FuzzCases}.
 */
class ConditionTableFuzzTest {

    private static final String SOURCE = "conditions.json";

    @Test
    void mutatedTablesParseOrAreRefusedClearly() {
        List<StimulusCondition> conditions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            conditions.add(new StimulusCondition(i, i % 2, i % 2 == 0 ? "sphere" : "cube", "position",
                    -20.0 + 8 * i, 12.5 + i, 20.0 - i));
        }
        List<byte[]> seeds = List.of(ConditionTable.toJson(conditions), ConditionTable.toJson(conditions.subList(0, 1)),
                ConditionTable.toJson(List.of()));
        FuzzCases.mutate("ConditionTable.fromJson", seeds, List.of("{", "}", "[", "]", "\"", ",", ":", "null",
                "\"index\":", "1e999", "-0", "\"group_azimuth\":90,", "\\u0000", "2147483648"), 400,
                input -> ConditionTable.fromJson(input, SOURCE),
                FuzzCases.refusal(IllegalArgumentException.class, SOURCE + ": "));
    }
}
