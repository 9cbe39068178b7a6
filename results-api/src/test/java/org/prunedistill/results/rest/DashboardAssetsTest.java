package org.prunedistill.results.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's static files: complete, and loading nothing from outside the service (it runs offline). */
class DashboardAssetsTest {

    private static final String ROOT = "META-INF/resources/";
    private static final List<String> FILES = List.of("index.html", "dashboard.js", "profiles.js", "plot.js", "dashboard.css");
    private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from \"\\./([^\"]+)\"");
    /** An XML namespace name, never fetched. */
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    @Test
    void everyFileThePageReferencesShipsWithIt() throws IOException {
        List<String> references = new ArrayList<>(matches(HTML_REFERENCE, read("index.html")));
        for (String module : List.of("dashboard.js", "profiles.js")) {
            references.addAll(matches(MODULE_IMPORT, read(module)));
        }
        List<String> local = references.stream()
                .filter(reference -> !reference.startsWith("/") && !reference.startsWith("data:")).toList();
        assertEquals(List.of("dashboard.css", "dashboard.js", "plot.js", "profiles.js"),
                local.stream().sorted().distinct().toList());
        for (String file : local) {
            assertNotNull(getClass().getClassLoader().getResource(ROOT + file), file);
        }
    }

    @Test
    void pageLoadsNothingFromAnotherHost() throws IOException {
        for (String file : FILES) {
            String text = read(file).replace(SVG_NAMESPACE, "");
            assertFalse(text.contains("http://") || text.contains("https://") || text.contains("//cdn"), file);
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private String read(String file) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ROOT + file)) {
            assertNotNull(in, file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
