package org.prunedistill.claimcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The activations of one source in a temporary file instead of the heap, written by {@link SourceAssembler#spill}
 * one batch at a time and read back a block of units at a time: an analysis then holds one block, never the source.
 *
 * <p>Layout: float32 in native byte order, in blocks of {@link #blockUnits()} consecutive units (the last block may be
 * narrower); block {@code b} starts at byte {@code 4 * conditions * trials * b * blockUnits} and holds
 * {@code [conditions, trials, width]} in C order. A batch of conditions is therefore one write per block and a block
 * of units one sequential read. Blocks are about {@link #BLOCK_BYTES} (whole units, at least one).
 *
 * <p>{@link #close()} deletes the file; {@link SourceAssembler#spill} deletes it itself when writing fails. Reads
 * are serialised (one reusable buffer of one block); the values returned are the caller's own.
 */
public final class SpilledSource implements SourceActivations, AutoCloseable {

    /** Target size of one block of units on disk. */
    public static final long BLOCK_BYTES = 4L << 20;

    private final Path file;
    private final FileChannel channel;
    private final int conditions;
    private final int trials;
    private final int units;
    private final int blockUnits;
    private final ByteBuffer buffer;
    private int conditionsWritten;

    private SpilledSource(Path file, FileChannel channel, int conditions, int trials, int units, long blockBytes) {
        this.file = file;
        this.channel = channel;
        this.conditions = conditions;
        this.trials = trials;
        this.units = units;
        this.blockUnits = unitsPerBlock(blockBytes);
        this.buffer = ByteBuffer.allocateDirect(Math.toIntExact(4L * conditions * trials * blockUnits))
                .order(ByteOrder.nativeOrder());
    }

    /** An empty spill file of the given shape in {@code directory}; fill it with {@link #append}. */
    static SpilledSource create(Path directory, int conditions, int trials, int units) {
        return create(directory, conditions, trials, units, BLOCK_BYTES);
    }

    /** As {@link #create(Path, int, int, int)} with blocks of about {@code blockBytes} (tests use small ones). */
    static SpilledSource create(Path directory, int conditions, int trials, int units, long blockBytes) {
        if (conditions < 1 || trials < 1 || units < 1) {
            throw new IllegalArgumentException("spilled source needs a positive shape, got [" + conditions + ", "
                    + trials + ", " + units + "]");
        }
        Path file = null;
        try {
            file = Files.createTempFile(directory, "pd-source-", ".f32");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new SpilledSource(file, channel, conditions, trials, units, blockBytes);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e instanceof IOException io ? new UncheckedIOException("cannot create a spill file in "
                    + directory + ": " + io.getMessage(), io) : (RuntimeException) e;
        }
    }

    /**
     * Writes the next batch: {@code batchConditions} conditions, {@code [batchConditions, trials, units]} in C order,
     * after those written so far.
     */
    synchronized void append(float[] batch, int batchConditions) {
        if ((long) batchConditions * trials * units != batch.length || conditionsWritten + batchConditions > conditions) {
            throw new IllegalArgumentException("batch of " + batchConditions + " conditions (" + batch.length
                    + " values) does not fit after " + conditionsWritten + " of " + conditions + " conditions");
        }
        int rows = batchConditions * trials;
        for (int start = 0; start < units; start += blockUnits) {
            int width = Math.min(blockUnits, units - start);
            for (int row0 = 0; row0 < rows; ) {
                int chunkRows = Math.min(rows - row0, buffer.capacity() / (4 * width));
                buffer.clear();
                FloatBuffer floats = buffer.asFloatBuffer();
                for (int row = row0; row < row0 + chunkRows; row++) {
                    floats.put(batch, row * units + start, width);
                }
                buffer.limit(4 * chunkRows * width);
                long position = blockOffset(start) + 4L * ((long) conditionsWritten * trials + row0) * width;
                writeFully(position);
                row0 += chunkRows;
            }
        }
        conditionsWritten += batchConditions;
    }

    /** Conditions written so far. */
    synchronized int conditionsWritten() {
        return conditionsWritten;
    }

    @Override
    public int conditions() {
        return conditions;
    }

    @Override
    public int trials() {
        return trials;
    }

    @Override
    public int units() {
        return units;
    }

    /** Units per block on disk. */
    public int blockUnits() {
        return blockUnits;
    }

    /** The spill file (deleted on {@link #close()}). */
    public Path file() {
        return file;
    }

    @Override
    public SourceTensor gather(int[] indices) {
        SourceActivations.requireAscending(indices, units);
        int n = indices.length;
        int rows = conditions * trials;
        float[] gathered = new float[Math.multiplyExact(rows, n)];
        for (int first = 0; first < n; ) {
            int start = indices[first] / blockUnits * blockUnits;
            int width = Math.min(blockUnits, units - start);
            int last = first;
            while (last < n && indices[last] < start + width) {
                last++;
            }
            float[] block = readBlock(start, width);
            if (first == 0 && last == n && n == width) {
                return new SourceTensor(conditions, trials, n, block);
            }
            boolean contiguous = indices[last - 1] - indices[first] == last - 1 - first;
            for (int row = 0; row < rows; row++) {
                if (contiguous) {
                    System.arraycopy(block, row * width + indices[first] - start, gathered, row * n + first,
                            last - first);
                } else {
                    for (int k = first; k < last; k++) {
                        gathered[row * n + k] = block[row * width + indices[k] - start];
                    }
                }
            }
            first = last;
        }
        return new SourceTensor(conditions, trials, n, gathered);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the file goes below whatever the channel said
        }
        deleteQuietly(file);
    }

    private synchronized float[] readBlock(int start, int width) {
        float[] block = new float[conditions * trials * width];
        buffer.clear().limit(4 * block.length);
        long position = blockOffset(start);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read units " + start + ".." + (start + width - 1) + " from spill file "
                    + file + ": " + e.getMessage(), e);
        }
        buffer.flip();
        buffer.asFloatBuffer().get(block);
        return block;
    }

    private void writeFully(long position) {
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spill file " + file + ": " + e.getMessage(), e);
        }
    }

    private long blockOffset(int start) {
        return 4L * conditions * trials * start;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
