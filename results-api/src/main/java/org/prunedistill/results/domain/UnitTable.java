package org.prunedistill.results.domain;

import java.util.List;
import org.prunedistill.claimcheck.FloatTensor;

/**
 * The per-unit table of one result: {@code values} has shape {@code [units, columns.size()]}, row {@code u} is unit
 * {@code u} of the result's source.
 */
public record UnitTable(String resultKey, List<String> columns, FloatTensor values) {

    public UnitTable {
        columns = List.copyOf(columns);
        if (values.rank() != 2 || values.dimension(1) != columns.size()) {
            throw new IllegalStateException("per-unit table of " + resultKey + " has shape "
                    + java.util.Arrays.toString(values.shape()) + ", expected [units, " + columns.size() + "]");
        }
    }

    public int rows() {
        return values.dimension(0);
    }

    /** Value of a unit in a column. */
    public double value(int row, int column) {
        return values.data()[row * columns.size() + column];
    }
}
