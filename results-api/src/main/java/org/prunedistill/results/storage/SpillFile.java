package org.prunedistill.results.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.prunedistill.results.domain.ResultBodies;

/**
 * Result bodies in an append-only file of this process (deleted when it closes or the JVM exits): the catalog's
 * heap holds only their index, the operating system's page cache the bytes. Nothing in it outlives the process; the
 * catalog is rebuilt from the topics at every start. A body replaced by a newer result of the same key stays in the
 * file as dead bytes until the next start.
 */
public final class SpillFile implements ResultBodies, AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    /** Bodies are written in blocks: one system call per result would cost a long history seconds at start-up. */
    private final ByteBuffer pending = ByteBuffer.allocate(1 << 20);
    /** Bytes stored, buffered ones included. */
    private long end;
    /** Bytes in the file. */
    private long written;

    private SpillFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new, empty file in {@code directory}. */
    public static SpillFile createIn(Path directory) {
        try {
            Files.createDirectories(directory);
            Path path = Files.createTempFile(directory, "results-api-bodies-", ".bin");
            path.toFile().deleteOnExit();
            return new SpillFile(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the result spill file in " + directory
                    + " (pd.catalog.spill-directory)", e);
        }
    }

    @Override
    public synchronized Location store(byte[] body) {
        Location location = new Location(end, body.length);
        if (body.length > pending.remaining()) {
            flush();
        }
        if (body.length > pending.capacity()) {
            write(ByteBuffer.wrap(body), end);
            written = end + body.length;
        } else {
            pending.put(body);
        }
        end += body.length;
        return location;
    }

    @Override
    public byte[] read(Location location) {
        if (location.position() + location.length() > writtenEnd()) {
            synchronized (this) {
                flush();
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(location.length());
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, location.position() + buffer.position()) < 0) {
                    throw new IOException("end of file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location.length() + " bytes at " + location.position()
                    + " of the result spill file " + path, e);
        }
        return buffer.array();
    }

    /** Writes what is buffered, so that it can be read. */
    private synchronized void flush() {
        pending.flip();
        write(pending, written);
        written += pending.limit();
        pending.clear();
    }

    private synchronized long writtenEnd() {
        return written;
    }

    private void write(ByteBuffer bytes, long position) {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, position + bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + bytes.limit() + " bytes to the result spill file " + path
                    + " at " + position + " (is the disk full?)", e);
        }
    }

    /** Bytes written so far. */
    public synchronized long size() {
        return end;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
