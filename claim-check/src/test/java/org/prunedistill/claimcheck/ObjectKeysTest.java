package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    private static final String HASH = Sha256.hex("activations".getBytes(StandardCharsets.UTF_8));

    @Test
    void acceptsEveryContentAddressedForm() {
        for (String prefix : List.of("tensors", "documents", "results")) {
            for (String extension : List.of("npy", "json")) {
                String key = prefix + "/" + HASH + "." + extension;
                assertEquals(key, ObjectKeys.requireValid(key));
            }
        }
        byte[] bytes = {1, 2, 3};
        assertEquals("tensors/" + Sha256.hex(bytes) + ".npy", ObjectKeys.keyFor("tensors", bytes, "npy"));
        assertEquals("inputs/" + HASH, ObjectKeys.requireValid(ObjectKeys.inputKey(HASH)));
    }

    @Test
    void anInputKeyNeedsSixtyFourLowerCaseHexDigits() {
        for (String sha256 : List.of("", HASH.toUpperCase(), HASH.substring(1), HASH + "0", "../" + HASH.substring(3),
                HASH.substring(0, 63) + "g")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ObjectKeys.inputKey(sha256), sha256);
            assertTrue(e.getMessage().contains("is not 64 lower-case hex digits"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ObjectKeys.inputKey("x".repeat(10_000)))
                .getMessage().length() < 200, "a long text is shortened in the message");
    }

    @Test
    void refusesMaliciousAndMalformedKeysNamingThem() {
        String valid = "tensors/" + HASH + ".npy";
        List<String> malicious = List.of(
                "",
                "tensors/",
                "tensors/.npy",
                "../" + valid,
                "tensors/../results/" + HASH + ".npy",
                "tensors/../../etc/passwd",
                "/" + valid,
                "//" + valid,
                "tensors//" + HASH + ".npy",
                "tensors\\" + HASH + ".npy",
                "tensors/..\\" + HASH + ".npy",
                "%2e%2e/" + valid,
                "tensors%2F" + HASH + ".npy",
                "tensors/" + HASH + "%2enpy",
                "tensors/" + HASH.toUpperCase() + ".npy",
                "TENSORS/" + HASH + ".npy",
                "tensors/" + HASH + ".NPY",
                "tensors/" + HASH.substring(1) + ".npy",
                "tensors/" + HASH + "0.npy",
                "tensors/" + HASH + HASH + ".npy",
                "tensors/" + HASH + ".npy" + "x".repeat(10_000),
                "tensors/" + HASH + ".npy.json",
                "tensors/" + HASH + ".exe",
                "tensors/" + HASH,
                "inputs/" + HASH + ".npy",
                "inputs/" + HASH.toUpperCase(),
                "inputs/../" + HASH,
                "recordings/" + HASH + ".npy",
                "extraction-cache/" + HASH + ".json",
                "tensors/" + HASH.replace('a', 'g'),
                valid + "\n",
                valid + "\r\nX-Injected: 1",
                valid + "\u0000",
                "\u0000" + valid,
                "tensors/" + HASH.substring(0, 63) + "\u0430.npy",
                "tensors/" + HASH.substring(0, 63) + "\uff10.npy",
                "tensors/" + HASH.substring(0, 63) + "\u0660.npy",
                "tensor\u0455/" + HASH + ".npy",
                "tensors\u2215" + HASH + ".npy",
                "tensors\uff0f" + HASH + ".npy",
                "tensors/" + HASH + "\u2024npy",
                " " + valid,
                valid + " ",
                "s3://bucket/" + valid,
                "bucket/" + valid);
        for (String key : malicious) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ObjectKeys.requireValid(key), key);
            assertTrue(e.getMessage().startsWith("invalid object key " + Excerpt.of(key) + ": expected"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.requireValid(null));
    }
}
