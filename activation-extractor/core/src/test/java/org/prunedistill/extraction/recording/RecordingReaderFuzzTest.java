package org.prunedistill.extraction.recording;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.testsupport.fuzz.FuzzCases;

/**
 * Fuzzes {@link RecordingReader} (and through it claim-check's {@code Npz}, {@code NpyText} and {@code Hdf5Recording}) with
 * mutations of the committed fixtures under {@code src/test/resources/recordings}: every input must be read or
 * refused with an {@link IllegalArgumentException} (RecordingFormatException, NpyFormatException) naming the file;
 * see {@link FuzzCases} for the guards and {@code -Dpd.fuzz.cases}.
 */
class RecordingReaderFuzzTest {

    private static final String NAME = "fuzzed-recording";

    private static List<byte[]> fixtures(String... names) {
        return java.util.Arrays.stream(names).map(name -> {
            try {
                return Files.readAllBytes(Path.of("src/test/resources/recordings", name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static void fuzz(String what, List<byte[]> seeds, int cases) {
        RecordingReader reader = RecordingReader.withDefaults();
        FuzzCases.mutate(what, seeds, List.of(), cases, input -> reader.read(input, NAME),
                FuzzCases.refusal(IllegalArgumentException.class, NAME));
    }

    @Test
    void mutatedNpyRecordingsAreReadOrRefusedClearly() {
        fuzz("RecordingReader(.npy)", fixtures("counts_i4.npy", "nan_trials.npy", "silent_unit_f64.npy"), 300);
    }

    @Test
    void mutatedNpzRecordingsAreReadOrRefusedClearly() {
        fuzz("RecordingReader(.npz)", fixtures("session_compressed.npz", "session_stored.npz", "spikes_member.npz"),
                300);
    }

    @Test
    void mutatedHdf5RecordingsAreReadOrRefusedClearly() {
        fuzz("RecordingReader(HDF5)", fixtures("prune_distill.h5", "nwb_like.h5", "other_layout.h5"), 300);
    }

    @Test
    void mutatedTextMembersAreReadOrRefusedClearly() {
        FuzzCases.mutate("NpyText.read", List.of(text("<U4", "(2,)", 32), text("|S3", "()", 3)),
                FuzzCases.EXTREME_NUMBERS, 300, input -> NpyText.read(input, NAME),
                FuzzCases.refusal(IllegalArgumentException.class, NAME));
    }

    @Test
    void zeroWidthTextWithAGiantCountIsRefusedWithoutBuildingStrings() {
        byte[] member = text("<U0", "(999999999,)", 0);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> NpyText.read(member, NAME));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
    }

    @Test
    void hdf5DatasetDeclaringAGiantShapeIsRefusedBeforeAllocating() {
        byte[] file = fixtures("prune_distill.h5").get(0);
        byte[] dims = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(2).putLong(2).putLong(3).array();
        int patched = 0;
        for (int at = 0; at + dims.length <= file.length; at++) {
            if (java.util.Arrays.equals(file, at, at + dims.length, dims, 0, dims.length)) {
                ByteBuffer.wrap(file, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 30);
                patched++;
            }
        }
        assertTrue(patched > 0, "the fixture's [2, 2, 3] dataspace was not found");
        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> RecordingReader.withDefaults().read(file, NAME));
        assertTrue(e.getMessage().startsWith(NAME + ":/prune_distill/responses: shape [1073741824, 2, 3]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("more than a " + file.length + "-byte file can hold"), e.getMessage());
    }

    /** A version 1.0 text {@code .npy} with a zero payload of {@code payload} bytes. */
    private static byte[] text(String descr, String shape, int payload) {
        byte[] header = ("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(10 + header.length + payload).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length)
                .put(header).array();
    }
}
