package org.prunedistill.extraction.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceKeyTest {

    /** What a layer of the built-in CNN depends on, as the extractor collects it. */
    private static Map<String, String> layerSource() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("model", "builtin-cnn-small");
        entries.put("model_sha256", "a".repeat(64));
        entries.put("checkpoint", "trained");
        entries.put("preprocessing", "{\"mean\":[0.5],\"std\":[0.25]}");
        entries.put("stimulus_set", "rat-objects");
        entries.put("stimulus_metadata_sha256", "b".repeat(64));
        entries.put("stimulus_seed", "1");
        entries.put("trials", "10");
        entries.put("layer", "pool2");
        entries.put("batch_conditions", "32");
        entries.put("code_fingerprint", "c".repeat(64));
        return entries;
    }

    @Test
    void theSameInputsGiveTheSameKeyWhateverTheirOrder() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(layerSource().entrySet());
        Collections.reverse(entries);
        Map<String, String> reversed = new LinkedHashMap<>();
        entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        String key = ProvenanceKey.of(layerSource());
        assertEquals(key, ProvenanceKey.of(reversed));
        assertTrue(key.matches("[0-9a-f]{64}"), key);
    }

    @Test
    void changingAnyInputChangesTheKey() {
        String original = ProvenanceKey.of(layerSource());
        Set<String> keys = new HashSet<>();
        keys.add(original);
        for (String name : layerSource().keySet()) {
            Map<String, String> changed = layerSource();
            changed.put(name, changed.get(name) + "x");
            assertTrue(keys.add(ProvenanceKey.of(changed)), "changing " + name + " must change the key");
            Map<String, String> removed = layerSource();
            removed.remove(name);
            assertTrue(keys.add(ProvenanceKey.of(removed)), "dropping " + name + " must change the key");
        }
        Map<String, String> added = layerSource();
        added.put("onnx_threads", "2");
        assertNotEquals(original, ProvenanceKey.of(added));
    }

    @Test
    void entriesCannotBeForgedBySplicingNamesAndValues() {
        assertNotEquals(ProvenanceKey.of(Map.of("a", "b", "c", "d")), ProvenanceKey.of(Map.of("a", "bcd")));
        assertNotEquals(ProvenanceKey.of(Map.of("a", "b=c")), ProvenanceKey.of(Map.of("a=b", "c")));
        assertNotEquals(ProvenanceKey.of(Map.of("ab", "")), ProvenanceKey.of(Map.of("a", "b")));
    }

    @Test
    void anEmptyProvenanceOrABlankNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProvenanceKey.of(Map.of()));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceKey.of(Map.of(" ", "x")));
        assertTrue(blank.getMessage().contains("no name"), blank.getMessage());
    }

    @Test
    void theCodeFingerprintFollowsTheLocationsOfTheCode() {
        String fingerprint = CodeFingerprint.of(ProvenanceKey.class);
        assertEquals(fingerprint, CodeFingerprint.of(ProvenanceKey.class, ProvenanceKey.class),
                "a location is hashed once");
        assertTrue(fingerprint.matches("[0-9a-f]{64}"));
        assertNotEquals(fingerprint, CodeFingerprint.of(ProvenanceKey.class, Test.class),
                "another jar on the list changes it");
        assertNotEquals(CodeFingerprint.of(String.class), CodeFingerprint.of(ProvenanceKey.class),
                "a class without a code location contributes its class file");
    }

    @Test
    void changingAnyFileOfTheCodeChangesTheFingerprint(@TempDir Path classes) throws Exception {
        String name = ProvenanceKey.class.getName();
        Path file = classes.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        try (InputStream in = ProvenanceKey.class.getResourceAsStream("ProvenanceKey.class")) {
            Files.write(file, in.readAllBytes());
        }
        String before = fingerprintOfCopy(classes, name);
        assertEquals(before, fingerprintOfCopy(classes, name), "the same bytes, the same fingerprint");
        Files.writeString(classes.resolve("application.properties"), "pd.extraction.seed=2\n");
        String after = fingerprintOfCopy(classes, name);
        assertNotEquals(before, after, "a changed resource beside the classes changes it");
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains(ProvenanceKey.FORMAT));
        Files.write(file, bytes.replace(ProvenanceKey.FORMAT, ProvenanceKey.FORMAT.replace("v1", "v9"))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertNotEquals(after, fingerprintOfCopy(classes, name), "changed class bytes (a constant) change it");
    }

    /** The fingerprint of a copy of the class loaded from a directory of its own. */
    private static String fingerprintOfCopy(Path classes, String name) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = loader.loadClass(name);
            assertEquals(loader, copy.getClassLoader());
            return CodeFingerprint.of(copy);
        }
    }
}
