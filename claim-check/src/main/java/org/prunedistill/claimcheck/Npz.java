package org.prunedistill.claimcheck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The members of a {@code .npz} file: a ZIP archive of {@code .npy} files, stored ({@code numpy.savez}) or deflated
 * ({@code numpy.savez_compressed}), ZIP64 local headers included. Member names lose their {@code .npy} suffix, as
 * {@code numpy.load} shows them.
 */
public final class Npz {

    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private Npz() {
    }

    /** Member name (without {@code .npy}) to its bytes, in archive order. */
    public static Map<String, byte[]> members(byte[] bytes, String source) {
        if (!hasEndRecord(bytes)) {
            throw new NpyFormatException(source, "truncated .npz (ZIP) archive: its end-of-central-directory"
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
            throw new NpyFormatException(source, "corrupt or truncated .npz (ZIP) archive at member "
                    + current + ": " + e.getMessage(), e);
        }
        if (members.isEmpty()) {
            throw new NpyFormatException(source, ".npz archive has no members");
        }
        return members;
    }

    /** Whether the bytes start as a ZIP archive (a {@code .npz}) does. */
    public static boolean isArchive(byte[] bytes) {
        return bytes.length >= ZIP_MAGIC.length && Arrays.equals(bytes, 0, ZIP_MAGIC.length, ZIP_MAGIC, 0,
                ZIP_MAGIC.length);
    }

    /**
     * The one array a user means: the only member of the archive, or the member named.
     *
     * @param member the member's name (without {@code .npy}), or null for the only one
     * @throws NpyFormatException naming the members present when the archive holds several and none is named, or
     *                            not the one named
     */
    public static byte[] member(byte[] bytes, String source, String member) {
        Map<String, byte[]> members = members(bytes, source);
        if (member == null) {
            if (members.size() > 1) {
                throw new NpyFormatException(source, "holds " + members.size() + " arrays ("
                        + String.join(", ", members.keySet()) + "); name one as " + source + ":NAME");
            }
            return members.values().iterator().next();
        }
        byte[] named = members.get(member);
        if (named == null) {
            throw new NpyFormatException(source, "has no member " + Excerpt.of(member) + "; members present: "
                    + String.join(", ", members.keySet()));
        }
        return named;
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
