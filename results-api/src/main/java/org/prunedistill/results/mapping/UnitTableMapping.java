package org.prunedistill.results.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.prunedistill.api.v1.UnitRow;
import org.prunedistill.api.v1.UnitTableInfo;
import org.prunedistill.api.v1.UnitTablePage;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.PerUnitColumn;
import org.prunedistill.results.domain.UnitTable;

/** Per-unit tables of results: which results have one, and a table cut into pages of rows. */
public final class UnitTableMapping {

    /** Rows per page when the request says 0. */
    public static final int DEFAULT_PAGE_SIZE = 1000;
    /** Most rows a page may hold. */
    public static final int MAX_PAGE_SIZE = 10_000;

    private UnitTableMapping() {
    }

    /** Whether the result carries a per-unit table. */
    public static boolean hasTable(AnalysisResult result) {
        return result.hasPerUnitTable() && !result.getPerUnitTable().getObject().getKey().isEmpty();
    }

    /** The labels of a result's table columns, in order. */
    public static List<String> columns(AnalysisResult result) {
        return result.getPerUnitTable().getColumnsList().stream().map(PerUnitColumn::getLabel).toList();
    }

    /**
     * What a table holds, for people: the quantity of a whole-set information result ("I(R;object)"), else the
     * estimator.
     */
    static String quantity(AnalysisResult result) {
        if (result.getParameters().hasWholeSetInformation() && result.getInformation().getMediansCount() > 0) {
            return InformationPointMapping.quantityName(result.getInformation().getMedians(0).getQuantity());
        }
        return result.getEstimator();
    }

    /** The results with a per-unit table, in hierarchy order of their sources, then by key. */
    public static List<UnitTableInfo> tables(Iterable<AnalysisResult> results) {
        return StreamSupport.stream(results.spliterator(), false)
                .filter(UnitTableMapping::hasTable)
                .sorted(Comparator.comparing(AnalysisResult::getSource, ApiMapping.HIERARCHY)
                        .thenComparing(AnalysisResult::getResultKey))
                .map(result -> UnitTableInfo.newBuilder()
                        .setResultKey(result.getResultKey())
                        .setSource(result.getSource())
                        .setAnalysis(result.getAnalysis())
                        .setEstimator(result.getEstimator())
                        .setQuantity(quantity(result))
                        .addAllColumns(columns(result))
                        .setRows(result.getPerUnitTable().getObject().getShapeCount() > 0
                                ? (int) result.getPerUnitTable().getObject().getShape(0) : 0)
                        .build())
                .toList();
    }

    /**
     * The page size a request asks for: 0 means {@link #DEFAULT_PAGE_SIZE}.
     *
     * @throws IllegalArgumentException if page_size is negative or above {@link #MAX_PAGE_SIZE}
     */
    public static int pageSize(int requested) {
        if (requested < 0 || requested > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page_size must be between 0 (meaning " + DEFAULT_PAGE_SIZE + ") and "
                    + MAX_PAGE_SIZE + ", got " + requested);
        }
        return requested == 0 ? DEFAULT_PAGE_SIZE : requested;
    }

    /** The table in pages of at most pageSize rows, in row order; one empty page for a table without rows. */
    public static List<UnitTablePage> pages(UnitTable table, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, got " + pageSize);
        }
        List<UnitTablePage> pages = new ArrayList<>();
        int first = 0;
        do {
            int end = Math.min(table.rows(), first + pageSize);
            UnitTablePage.Builder page = UnitTablePage.newBuilder().setResultKey(table.resultKey())
                    .addAllColumns(table.columns()).setFirstRow(first).setTotalRows(table.rows());
            for (int row = first; row < end; row++) {
                UnitRow.Builder values = UnitRow.newBuilder();
                for (int column = 0; column < table.columns().size(); column++) {
                    values.addValues(table.value(row, column));
                }
                page.addRows(values);
            }
            pages.add(page.build());
            first = end;
        } while (first < table.rows());
        return pages;
    }
}
