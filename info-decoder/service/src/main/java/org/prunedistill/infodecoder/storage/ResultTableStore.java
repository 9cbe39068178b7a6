package org.prunedistill.infodecoder.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.info.analysis.domain.PerUnitTable;

/**
 * Stores a result's per-unit table as a claim check: the given columns, row-major {@code [rows, columns]} float32
 * {@code .npy} under {@code results/<sha256>.npy}. Store failures arrive as the claim check's own exceptions.
 *
 * <p>The table is streamed row by row to a temporary file, hashed as it is written, then uploaded from the file:
 * at full-network scale (800,000 units) a row-major copy and its encoded bytes in the heap beside the table itself
 * exceeded a 384 MiB heap.
 */
public final class ResultTableStore {

    private static final int BUFFER_BYTES = 1 << 16;

    private final ObjectStore store;
    private final Path directory;

    /** Temporary files in {@code java.io.tmpdir}, the analysers' spill directory. */
    public ResultTableStore(ObjectStore store) {
        this(store, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param directory where the temporary {@code .npy} files go */
    public ResultTableStore(ObjectStore store, Path directory) {
        this.store = store;
        this.directory = directory;
    }

    /** Stores {@code columns} of {@code table}, in that order. */
    public ObjectRef store(PerUnitTable table, List<String> columns) {
        double[][] values = columns.stream().map(table::column).toArray(double[][]::new);
        int[] shape = {table.rows(), columns.size()};
        Path file = null;
        try {
            file = Files.createTempFile(directory, "result-", ".npy");
            MessageDigest sha = Sha256.newDigest();
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                    BUFFER_BYTES), sha)) {
                out.write(Npy.header(shape));
                ByteBuffer row = ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < shape[0]; r++) {
                    row.clear();
                    for (double[] column : values) {
                        row.putFloat((float) column[r]);
                    }
                    out.write(row.array());
                }
            }
            return store.putTensorFile(ObjectKeys.RESULTS, file, HexFormat.of().formatHex(sha.digest()), shape);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a result table to " + directory, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Left in the spill directory, which is emptied with the pod; the result is stored.
                }
            }
        }
    }
}
