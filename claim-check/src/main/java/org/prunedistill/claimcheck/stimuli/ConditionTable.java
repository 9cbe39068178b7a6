package org.prunedistill.claimcheck.stimuli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.prunedistill.claimcheck.Excerpt;

/**
 * Reads and writes the condition metadata of a stimulus set as JSON.
 *
 * <p>Shape: {@code {"conditions":[{"index":0,"object":0,"object_name":"sphere","axis":"position","value":-20.0,
 * "luminance":12.3,"contrast":20.1}, ...]}}; units as in {@link StimulusCondition}, plus an optional
 * {@code "group_azimuth"} (degrees) on views shown at a default position. Reading is strict: every row must carry
 * these seven fields (and no others but {@code group_azimuth}) with the right JSON types, and the indices must be 0..n-1 with no
 * duplicates (rows may come in any order; the result is sorted by index). Every violation throws
 * {@link IllegalArgumentException} whose message starts with the source name and names the row (0-based position
 * in the array) so a broken table can be fixed by hand.
 */
public final class ConditionTable {

    private static final ObjectMapper MAPPER = new ObjectMapper(Excerpt.jsonFactory());
    private static final String ROOT = "conditions";
    private static final String INDEX = "index";
    private static final String OBJECT = "object";
    private static final String OBJECT_NAME = "object_name";
    private static final String AXIS = "axis";
    private static final String VALUE = "value";
    private static final String LUMINANCE = "luminance";
    private static final String CONTRAST = "contrast";
    private static final String GROUP_AZIMUTH = "group_azimuth";
    private static final Set<String> FIELDS = Set.of(INDEX, OBJECT, OBJECT_NAME, AXIS, VALUE, LUMINANCE, CONTRAST,
            GROUP_AZIMUTH);

    private ConditionTable() {
    }

    /** Serialises the conditions in list order, UTF-8 JSON. */
    public static byte[] toJson(List<StimulusCondition> conditions) {
        Objects.requireNonNull(conditions, "conditions");
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode rows = root.putArray(ROOT);
        for (StimulusCondition c : conditions) {
            ObjectNode row = rows.addObject()
                    .put(INDEX, c.index())
                    .put(OBJECT, c.object())
                    .put(OBJECT_NAME, c.objectName())
                    .put(AXIS, c.axis())
                    .put(VALUE, c.value())
                    .put(LUMINANCE, c.luminance())
                    .put(CONTRAST, c.contrast());
            if (c.hasGroup()) {
                row.put(GROUP_AZIMUTH, c.groupAzimuth());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise condition table", e);
        }
    }

    /**
     * Parses and validates a condition table.
     *
     * @param json   UTF-8 JSON bytes
     * @param source name of where the bytes came from (file, object key), used in error messages
     * @return conditions sorted by index
     * @throws IllegalArgumentException naming the source and the row on malformed JSON, missing or unknown fields,
     *                                  wrong types, out-of-range values, duplicate or non-contiguous indices
     */
    public static List<StimulusCondition> fromJson(byte[] json, String source) {
        Objects.requireNonNull(json, "json");
        String where = source == null ? "condition table" : source;
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path(ROOT).isArray()) {
            throw new IllegalArgumentException(where + ": expected an object with a '" + ROOT + "' array");
        }
        JsonNode rows = root.get(ROOT);
        List<StimulusCondition> result = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            result.add(parseRow(rows.get(row), where, row));
        }
        return checkIndices(result, where);
    }

    private static StimulusCondition parseRow(JsonNode node, String where, int row) {
        String at = where + ": row " + row;
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + ": expected an object, found " + node.getNodeType());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(at + ": unknown field " + Excerpt.of(name));
            }
        }
        int index = intField(node, INDEX, at);
        int object = intField(node, OBJECT, at);
        String objectName = textField(node, OBJECT_NAME, at);
        String axis = textField(node, AXIS, at);
        double value = numberField(node, VALUE, at);
        double luminance = numberField(node, LUMINANCE, at);
        double contrast = numberField(node, CONTRAST, at);
        double groupAzimuth = node.has(GROUP_AZIMUTH) ? numberField(node, GROUP_AZIMUTH, at) : Double.NaN;
        try {
            return new StimulusCondition(index, object, objectName, axis, value, luminance, contrast, groupAzimuth);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + " (index " + index + "): " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(at + ": missing field '" + field + "'");
        }
        return value;
    }

    private static int intField(JsonNode node, String field, String at) {
        JsonNode value = required(node, field, at);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(at + ": field '" + field + "' must be an integer, was " + Excerpt.of(value));
        }
        return value.intValue();
    }

    private static double numberField(JsonNode node, String field, String at) {
        JsonNode value = required(node, field, at);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(at + ": field '" + field + "' must be a number, was " + Excerpt.of(value));
        }
        return value.doubleValue();
    }

    private static String textField(JsonNode node, String field, String at) {
        JsonNode value = required(node, field, at);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(at + ": field '" + field + "' must be a string, was " + Excerpt.of(value));
        }
        return value.textValue();
    }

    /** Indices must be a permutation of 0..n-1: no duplicates and none outside the range. */
    private static List<StimulusCondition> checkIndices(List<StimulusCondition> parsed, String where) {
        int n = parsed.size();
        int[] rowOfIndex = new int[n];
        Arrays.fill(rowOfIndex, -1);
        for (int row = 0; row < n; row++) {
            int index = parsed.get(row).index();
            if (index >= n) {
                throw new IllegalArgumentException(where + ": row " + row + ": index " + index
                        + " is not contiguous; a table of " + n + " rows needs indices 0.." + (n - 1));
            }
            if (rowOfIndex[index] >= 0) {
                throw new IllegalArgumentException(where + ": row " + row + ": duplicate index " + index
                        + " (already used by row " + rowOfIndex[index] + ")");
            }
            rowOfIndex[index] = row;
        }
        List<StimulusCondition> sorted = new ArrayList<>(parsed);
        sorted.sort(Comparator.comparingInt(StimulusCondition::index));
        return List.copyOf(sorted);
    }
}
