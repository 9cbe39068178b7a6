package org.prunedistill.infodecoder.mapping;

import java.util.List;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.PerUnitColumn;
import org.prunedistill.info.analysis.domain.PerUnitTable;

/**
 * A mapped result whose per-unit table is still to be stored: the table and its typed columns, in the order the
 * stored {@code [rows, columns]} array holds them.
 *
 * @param result  the result without its table
 * @param table   the values, columns named by the labels
 * @param columns the columns to store, in order
 */
public record TabledResult(AnalysisResult result, PerUnitTable table, List<PerUnitColumn> columns) {

    public TabledResult {
        columns = List.copyOf(columns);
    }

    /** The columns' labels, which name them in {@link #table}. */
    public List<String> labels() {
        return columns.stream().map(PerUnitColumn::getLabel).toList();
    }

    /** The result with its stored table. */
    public AnalysisResult withTable(ObjectRef stored) {
        return result.toBuilder().setPerUnitTable(org.prunedistill.events.v1.PerUnitTable.newBuilder()
                .setObject(stored).addAllColumns(columns)).build();
    }
}
