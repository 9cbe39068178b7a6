package org.prunedistill.claimcheck.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTableTest {

    private static final String SOURCE = "runs/abc/conditions.json";

    @Test
    void roundTripsConditionsExactly() {
        List<StimulusCondition> conditions = List.of(row(0, "position", -7.5), row(1, "size", 12.0),
                row(2, "luminance", 0.125));
        assertEquals(conditions, ConditionTable.fromJson(ConditionTable.toJson(conditions), SOURCE));
    }

    @Test
    void writesSnakeCaseFieldsUnderConditions() {
        String json = new String(ConditionTable.toJson(List.of(row(0, "position", -7.5))), StandardCharsets.UTF_8);
        assertEquals("{\"conditions\":[{\"index\":0,\"object\":0,\"object_name\":\"sphere\",\"axis\":\"position\","
                + "\"value\":-7.5,\"luminance\":12.3,\"contrast\":20.1}]}", json);
    }

    @Test
    void groupAzimuthIsWrittenOnlyForGroupedViewsAndReadBack() {
        StimulusCondition grouped = new StimulusCondition(1, 0, "sphere", "size", 15.0, 12.3, 20.1, -15.0);
        List<StimulusCondition> conditions = List.of(row(0, "position", -7.5), grouped);
        String json = new String(ConditionTable.toJson(conditions), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"contrast\":20.1,\"group_azimuth\":-15.0}"), json);
        assertEquals(1, json.split("group_azimuth", -1).length - 1, json);
        List<StimulusCondition> parsed = ConditionTable.fromJson(bytes(json), SOURCE);
        assertEquals(conditions, parsed);
        assertTrue(parsed.get(1).hasGroup());
        assertTrue(!parsed.get(0).hasGroup());
    }

    @Test
    void acceptsRowsInAnyOrderAndSortsThemByIndex() {
        String json = table(rowJson(1, "size", "12.0"), rowJson(0, "position", "0.0"));
        List<StimulusCondition> parsed = ConditionTable.fromJson(bytes(json), SOURCE);
        assertEquals(List.of(row(0, "position", 0.0), row(1, "size", 12.0)), parsed);
    }

    @Test
    void missingFieldNamesTheRowAndTheField() {
        String broken = "{\"index\":1,\"object\":0,\"object_name\":\"sphere\",\"value\":1.0,"
                + "\"luminance\":1.0,\"contrast\":1.0}";
        assertRejected(table(rowJson(0, "position", "0.0"), broken), "row 1", "missing field 'axis'");
    }

    @Test
    void aRefusedTableQuotesAShortExcerptOfWhatItRead() {
        String secret = "root:x:0:0:root:/root:/bin/bash:" + "s3cr3t".repeat(50);
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> ConditionTable.fromJson(bytes(secret), SOURCE));
        assertTrue(notJson.getMessage().startsWith(SOURCE + ": not valid JSON: "), notJson.getMessage());
        assertTrue(!notJson.getMessage().contains("s3cr3ts3cr3ts3cr3ts3cr3t"), notJson.getMessage());
        String wrongType = rowJson(1, "size", "12.0").replace("\"index\":1", "\"index\":\"" + secret + "\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConditionTable.fromJson(bytes(table(rowJson(0, "position", "0.0"), wrongType)), SOURCE));
        assertTrue(e.getMessage().contains("field 'index' must be an integer, was '\"root:x:0:0:root:"),
                e.getMessage());
        assertTrue(e.getMessage().length() < SOURCE.length() + 160, e.getMessage());
    }

    @Test
    void unknownFieldNamesTheRowAndTheField() {
        String extra = rowJson(1, "size", "12.0").replace("}", ",\"colour\":\"red\"}");
        assertRejected(table(rowJson(0, "position", "0.0"), extra), "row 1", "unknown field 'colour'");
    }

    @Test
    void unknownAxisNamesTheRow() {
        assertRejected(table(rowJson(0, "position", "0.0"), rowJson(1, "depth", "3.0")), "row 1", "axis");
    }

    @Test
    void wrongTypeNamesTheRowAndTheField() {
        String wrong = rowJson(0, "position", "\"left\"");
        assertRejected(table(wrong), "row 0", "'value' must be a number");
    }

    @Test
    void duplicateIndexNamesBothRows() {
        assertRejected(table(rowJson(0, "position", "0.0"), rowJson(0, "size", "12.0")),
                "row 1", "duplicate index 0", "row 0");
    }

    @Test
    void nonContiguousIndexNamesTheRow() {
        assertRejected(table(rowJson(0, "position", "0.0"), rowJson(2, "size", "12.0")),
                "row 1", "index 2", "not contiguous");
    }

    @Test
    void malformedJsonAndMissingArrayNameTheSource() {
        assertRejected("{\"conditions\": [", "not valid JSON");
        assertRejected("{\"rows\": []}", "'conditions' array");
    }

    private static StimulusCondition row(int index, String axis, double value) {
        return new StimulusCondition(index, 0, "sphere", axis, value, 12.3, 20.1);
    }

    private static String rowJson(int index, String axis, String value) {
        return "{\"index\":" + index + ",\"object\":0,\"object_name\":\"sphere\",\"axis\":\"" + axis
                + "\",\"value\":" + value + ",\"luminance\":12.3,\"contrast\":20.1}";
    }

    private static String table(String... rows) {
        return "{\"conditions\":[" + String.join(",", rows) + "]}";
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(String json, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConditionTable.fromJson(bytes(json), SOURCE));
        assertTrue(e.getMessage().startsWith(SOURCE), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }
}
