package org.prunedistill.extraction.stimuli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prunedistill.claimcheck.Excerpt;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * Parses the metadata CSV of a {@link UserStimulusSet}: a header line naming the columns, then one line per image.
 *
 * <p>Columns (any order): {@code id, file, object, axis, value} required; {@code luminance, contrast} optional
 * (% of white; empty or absent = computed from the image). Fields are separated by commas; a field may be wrapped
 * in double quotes, with {@code ""} for a quote inside. Blank lines are skipped. Every error is an
 * {@link IllegalArgumentException} starting with "source: line N" (1-based, the header is line 1).
 */
final class UserStimulusCsv {

    /** One data line; luminance and contrast are NaN when not given. */
    record Row(int line, String id, String file, String object, String axis, double value, double luminance,
               double contrast) {
    }

    static final String ID = "id";
    static final String FILE = "file";
    static final String OBJECT = "object";
    static final String AXIS = "axis";
    static final String VALUE = "value";
    static final String LUMINANCE = "luminance";
    static final String CONTRAST = "contrast";
    private static final List<String> REQUIRED = List.of(ID, FILE, OBJECT, AXIS, VALUE);
    private static final Set<String> KNOWN = Set.of(ID, FILE, OBJECT, AXIS, VALUE, LUMINANCE, CONTRAST);

    private UserStimulusCsv() {
    }

    static List<Row> parse(byte[] csv, String source) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IllegalArgumentException(source + ": line 1: missing header " + REQUIRED);
        }
        Map<String, Integer> columns = header(split(lines[0], source, 1), source);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Row row = row(split(lines[i], source, i + 1), columns, source, i + 1);
            Integer previous = lineOfId.putIfAbsent(row.id(), row.line());
            if (previous != null) {
                throw new IllegalArgumentException(source + ": line " + row.line() + ": duplicate id " + Excerpt.of(row.id())
                        + " (already used on line " + previous + ")");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no image rows after the header");
        }
        return rows;
    }

    private static Map<String, Integer> header(List<String> names, String source) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).toLowerCase(java.util.Locale.ROOT);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException(source + ": line 1: unknown column " + Excerpt.of(names.get(i))
                        + "; columns are " + REQUIRED + " plus optional [luminance, contrast]");
            }
            if (columns.put(name, i) != null) {
                throw new IllegalArgumentException(source + ": line 1: column " + Excerpt.of(name) + " appears twice");
            }
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                throw new IllegalArgumentException(source + ": line 1: missing column '" + name + "'");
            }
        }
        return columns;
    }

    private static Row row(List<String> fields, Map<String, Integer> columns, String source, int line) {
        String at = source + ": line " + line;
        if (fields.size() != columns.size()) {
            throw new IllegalArgumentException(at + ": expected " + columns.size() + " fields, found " + fields.size());
        }
        String id = required(fields, columns, ID, at);
        String file = required(fields, columns, FILE, at);
        String object = required(fields, columns, OBJECT, at);
        String axis = required(fields, columns, AXIS, at);
        if (!StimulusCondition.AXES.contains(axis)) {
            throw new IllegalArgumentException(at + " (id " + Excerpt.of(id) + "): axis must be one of "
                    + StimulusCondition.AXES + ", was " + Excerpt.of(axis));
        }
        double value = number(required(fields, columns, VALUE, at), VALUE, at, id);
        double luminance = optionalPercent(fields, columns, LUMINANCE, at, id);
        double contrast = optionalPercent(fields, columns, CONTRAST, at, id);
        return new Row(line, id, file, object, axis, value, luminance, contrast);
    }

    private static String required(List<String> fields, Map<String, Integer> columns, String name, String at) {
        // strip, not trim: Unicode spaces count as blank here as they do for isBlank() elsewhere in the parser.
        String value = fields.get(columns.get(name)).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(at + ": empty '" + name + "'");
        }
        return value;
    }

    private static double optionalPercent(List<String> fields, Map<String, Integer> columns, String name, String at,
                                          String id) {
        Integer column = columns.get(name);
        if (column == null || fields.get(column).isBlank()) {
            return Double.NaN;
        }
        double percent = number(fields.get(column).strip(), name, at, id);
        if (percent < 0.0 || percent > 100.0) {
            throw new IllegalArgumentException(at + " (id " + Excerpt.of(id) + "): " + name + " must be a percentage in "
                    + "[0, 100], was " + percent);
        }
        return percent;
    }

    private static double number(String text, String name, String at, String id) {
        try {
            double x = Double.parseDouble(text);
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below with the row
        }
        throw new IllegalArgumentException(at + " (id " + Excerpt.of(id) + "): " + name + " must be a finite number, was "
                + Excerpt.of(text));
    }

    /** Splits one line on commas outside double quotes; {@code ""} inside quotes is a literal quote. */
    private static List<String> split(String line, String source, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(source + ": line " + lineNumber + ": unterminated quote");
        }
        fields.add(field.toString());
        return fields;
    }
}
