package org.prunedistill.extraction.model;

/**
 * Where the units of a layer look in a square image: the layer's units sit on a grid of {@code rows x columns}
 * spatial positions (channel-major layout [C, rows, columns], so unit u is at position u % (rows x columns)), and
 * the unit at grid cell (y, x) sees the input window of rows [y stride + offset, + window) and columns
 * [x stride + offset, + window), clipped to the image (padding sees nothing). A dense layer is a 1 x 1 grid whose
 * window is the whole image.
 *
 * <p>Stride, offset and window are in image pixels and may be fractional (a model's input resized from the rendered
 * image); a window covers every pixel it touches ({@link #from}, {@link #to}).
 *
 * @param rows    grid rows (H of the layer)
 * @param columns grid columns (W of the layer)
 * @param stride  pixels between neighbouring cells' windows
 * @param offset  first window row (and column) of cell 0, may be negative
 * @param window  side of the input window in pixels
 */
public record UnitGrid(int rows, int columns, double stride, double offset, double window) {

    /** Below this, a window edge counts as lying on a pixel boundary (fractions from resizing are not exact). */
    private static final double EDGE_TOLERANCE = 1e-6;

    public UnitGrid {
        if (rows < 1 || columns < 1 || !(window > 0) || !(stride >= 0) || !Double.isFinite(offset)
                || !Double.isFinite(window) || !Double.isFinite(stride)) {
            throw new IllegalArgumentException("a unit grid needs rows, columns >= 1, window > 0 and stride >= 0, got "
                    + rows + ", " + columns + ", " + window + ", " + stride + " (offset " + offset + ")");
        }
    }

    /** One position seeing the whole image of the given side. */
    public static UnitGrid wholeImage(int imageSize) {
        return new UnitGrid(1, 1, 0, 0, imageSize);
    }

    /** Number of spatial positions. */
    public int positions() {
        return rows * columns;
    }

    /** First window row of grid row y (or column of grid column x), before clipping. */
    public double start(int cell) {
        return cell * stride + offset;
    }

    /** First pixel row (or column) the window of grid row (column) {@code cell} touches, before clipping. */
    public int from(int cell) {
        return (int) Math.floor(start(cell) + EDGE_TOLERANCE);
    }

    /** One past the last pixel row (or column) the window touches, before clipping. */
    public int to(int cell) {
        return (int) Math.ceil(start(cell) + window - EDGE_TOLERANCE);
    }
}
