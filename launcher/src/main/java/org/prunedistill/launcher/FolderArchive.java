package org.prunedistill.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A folder of images as one ZIP archive, the same bytes for the same files on every machine and in every time zone:
 * every regular file under the folder (links followed) in the order of its {@code /}-separated relative path, stored
 * uncompressed (images are compressed already) with one fixed timestamp and nothing else of the file system. So an
 * unchanged folder uploads to the same content-addressed key, and a second identical run sends nothing.
 */
final class FolderArchive {

    /** The timestamp of every entry, as local date-time: no time zone can change it. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private FolderArchive() {
    }

    /** Writes the archive of {@code folder} to {@code zip}. */
    static void write(Path folder, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> tree = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            files = tree.filter(Files::isRegularFile).sorted((a, b) -> name(folder, a).compareTo(name(folder, b)))
                    .toList();
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(name(folder, file));
                entry.setMethod(ZipEntry.STORED);
                entry.setTimeLocal(ENTRY_TIME);
                long size = Files.size(file);
                entry.setSize(size);
                entry.setCompressedSize(size);
                entry.setCrc(crc(file));
                archive.putNextEntry(entry);
                Files.copy(file, archive);
                archive.closeEntry();
            }
        }
    }

    private static String name(Path folder, Path file) {
        return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }
}
