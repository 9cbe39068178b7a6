package org.prunedistill.info.analysis.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named per-unit columns of one source, declared up front and filled one unit (row) at a time; NaN marks an
 * undefined value. Threads may fill distinct rows concurrently (plain writes to distinct array cells; publish the
 * table to readers through a happens-before edge such as joining the workers).
 */
public final class PerUnitTable {

    private final int rows;
    private final Map<String, double[]> columns = new LinkedHashMap<>();

    /** A table of NaN cells with the given columns. */
    public PerUnitTable(int rows, List<String> names) {
        this.rows = rows;
        for (String name : names) {
            double[] values = new double[rows];
            Arrays.fill(values, Double.NaN);
            columns.put(name, values);
        }
    }

    public int rows() {
        return rows;
    }

    /** Sets one cell of a declared column. */
    public void set(String column, int row, double value) {
        column(column)[row] = value;
    }

    /** The values of a column (shared, not copied). */
    public double[] column(String column) {
        double[] values = columns.get(column);
        if (values == null) {
            throw new IllegalArgumentException("no per-unit column '" + column + "'; have " + columns.keySet());
        }
        return values;
    }

    /** Names of all columns, in creation order. */
    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    /** The given columns row-major, {@code [rows, names.length]}, as float32 (the per-unit claim-check layout). */
    public float[] rowMajor(List<String> names) {
        float[] table = new float[rows * names.size()];
        for (int j = 0; j < names.size(); j++) {
            double[] values = column(names.get(j));
            for (int row = 0; row < rows; row++) {
                table[row * names.size() + j] = (float) values[row];
            }
        }
        return table;
    }
}
