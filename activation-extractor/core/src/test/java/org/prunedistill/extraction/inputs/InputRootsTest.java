package org.prunedistill.extraction.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run names server paths only under the roots the operator allows, checked before a byte is read. */
class InputRootsTest {

    private static final long LIMIT = 1L << 30;

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    private InputRoots roots;
    private Path recording;

    @BeforeEach
    void allowOneRoot() throws IOException {
        roots = InputRoots.of(List.of(root.toString()), LIMIT);
        recording = Files.write(root.resolve("v1.npy"), new byte[] {1, 2, 3});
    }

    @Test
    void aFileUnderARootIsAllowedByItsRealPath() throws IOException {
        assertEquals(recording.toRealPath(), roots.file(recording.toUri().toString(), "area V1"));
        Files.createDirectories(root.resolve("images"));
        assertEquals(root.resolve("images").toRealPath(), roots.directory(root.resolve("images").toUri().toString(),
                "images"));
    }

    @Test
    void refusesSystemFilesAndSecretsOutsideTheRootsWithoutSayingWhetherTheyExist() {
        for (String path : List.of("/etc/passwd", "/var/run/secrets/kubernetes.io/serviceaccount/token",
                "/no/such/place/at/all")) {
            String message = refusal("file://" + path, "metadata.csv");
            assertTrue(message.startsWith("metadata.csv: file://" + path + " is refused: lies outside the input "
                    + "roots"), message);
        }
        assertTrue(refusal(root.toUri() + "../" + elsewhere.getFileName() + "/x.npy", "area LM")
                .contains("lies outside the input roots"), "a .. out of the root");
    }

    @Test
    void refusesSpecialFileSystemsEvenUnderARootOfEverything() throws IOException {
        InputRoots everything = InputRoots.of(List.of("/"), LIMIT);
        for (String path : List.of("/dev/zero", "/proc/self/environ", "/sys/kernel/notes")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> everything.file("file://" + path, "area V1"))
                    .getMessage().contains("lies outside the input roots"), path);
        }
        Path link = Files.createSymbolicLink(elsewhere.resolve("zero.npy"), Path.of("/dev/zero"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> everything.file(link.toUri().toString(),
                "area V1")).getMessage().contains("its real path (links resolved) lies outside"), link.toString());
    }

    @Test
    void refusesASymbolicLinkOutOfTheRoot() throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "not for the submitter");
        Path link = Files.createSymbolicLink(root.resolve("innocent.npy"), secret);
        String message = refusal(link.toUri().toString(), "area V1");
        assertTrue(message.contains("its real path (links resolved) lies outside the input roots"), message);
        assertFalse(message.contains("not for the submitter"), "never the content");
    }

    @Test
    void refusesAHugeSparseFileBeforeReadingIt() throws IOException {
        Path huge = root.resolve("huge.npy");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(20L << 30);
        }
        assertEquals("area V1: " + huge.toUri() + " is refused: it holds 21474836480 bytes, more than the limit of "
                + LIMIT + " (PD_STORE_MAX_OBJECT_BYTES)", refusal(huge.toUri().toString(), "area V1"));
    }

    @Test
    void refusesWhatIsNotARegularFileOrNotThereAndEverythingWhenNoRootIsAllowed() throws IOException {
        assertTrue(refusal(root.toUri().toString(), "area V1").endsWith("it is not a regular file"));
        assertTrue(refusal(root.resolve("missing.npy").toUri().toString(), "area V1").endsWith("no such file"));
        assertTrue(refusal("s3://bucket/key", "area V1").endsWith("it is not a file:// URI"));
        InputRoots none = InputRoots.of(List.of(), LIMIT);
        assertEquals("area V1: " + recording.toUri() + " is refused: this deployment allows no server paths "
                + "(PD_INPUT_ROOTS is empty); upload the file, or name an s3:// object of the pipeline's bucket",
                assertThrows(IllegalArgumentException.class, () -> none.file(recording.toUri().toString(),
                        "area V1")).getMessage());
    }

    @Test
    void refusesARootThatIsRelativeOrMissing() {
        assertThrows(IllegalArgumentException.class, () -> InputRoots.of(List.of("data"), LIMIT));
        assertThrows(IllegalArgumentException.class, () -> InputRoots.of(List.of("/no/such/root"), LIMIT));
    }

    private String refusal(String uri, String what) {
        return assertThrows(IllegalArgumentException.class, () -> roots.file(uri, what)).getMessage();
    }
}
