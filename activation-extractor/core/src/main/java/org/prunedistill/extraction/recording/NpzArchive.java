package org.prunedistill.extraction.recording;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The members of a {@code .npz} file: a ZIP archive of {@code .npy} files, stored ({@code numpy.savez}) or deflated
 * ({@code numpy.savez_compressed}), ZIP64 local headers included. Member names lose their {@code .npy} suffix, as
 * {@code numpy.load} shows them.
 */
final class NpzArchive {

    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private NpzArchive() {
    }

    /** Member name (without {@code .npy}) to its bytes, in archive order. */
    static Map<String, byte[]> members(byte[] bytes, String source) {
        if (!hasEndRecord(bytes)) {
            throw new RecordingFormatException(source, "truncated .npz (ZIP) archive: its end-of-central-directory"
                    + " record is missing (" + bytes.length + " bytes)");
        }
        Map<String, byte[]> members = new LinkedHashMap<>();
        String current = "(first entry)";
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                current = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = current.endsWith(".npy") ? current.substring(0, current.length() - 4) : current;
                members.put(name, zip.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            throw new RecordingFormatException(source, "corrupt or truncated .npz (ZIP) archive at member "
                    + current + ": " + e.getMessage(), e);
        }
        if (members.isEmpty()) {
            throw new RecordingFormatException(source, ".npz archive has no members");
        }
        return members;
    }

    private static boolean hasEndRecord(byte[] bytes) {
        int lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT);
        for (int i = bytes.length - END_RECORD_SIZE; i >= lowest; i--) {
            int signature = (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16
                    | (bytes[i + 3] & 0xFF) << 24;
            if (signature == END_OF_CENTRAL_DIRECTORY) {
                return true;
            }
        }
        return false;
    }
}
