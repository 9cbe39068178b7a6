package org.prunedistill.infodecoder.storage;

import java.util.List;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.info.analysis.domain.PerUnitTable;

/**
 * Stores a result's per-unit table as a claim check: the given columns, row-major {@code [rows, columns]} float32
 * {@code .npy} under {@code results/<sha256>.npy}. Store failures arrive as the claim check's own exceptions.
 */
public final class ResultTableStore {

    private final ObjectStore store;

    public ResultTableStore(ObjectStore store) {
        this.store = store;
    }

    /** Stores {@code columns} of {@code table}, in that order. */
    public ObjectRef store(PerUnitTable table, List<String> columns) {
        return store.putTensor(ObjectKeys.RESULTS, FloatTensor.ofFloats(table.rowMajor(columns), table.rows(),
                columns.size()));
    }
}
