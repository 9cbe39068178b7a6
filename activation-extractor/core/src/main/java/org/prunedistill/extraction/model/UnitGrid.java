package org.prunedistill.extraction.model;

/**
 * Where the units of a layer look in a square image: the layer's units sit on a grid of {@code rows x columns}
 * spatial positions (channel-major layout [C, rows, columns], so unit u is at position u % (rows x columns)), and
 * the unit at grid cell (y, x) sees the input window of rows [y stride + offset, + window) and columns
 * [x stride + offset, + window), clipped to the image (padding sees nothing). A dense layer is a 1 x 1 grid whose
 * window is the whole image.
 *
 * @param rows    grid rows (H of the layer)
 * @param columns grid columns (W of the layer)
 * @param stride  pixels between neighbouring cells' windows
 * @param offset  first window row (and column) of cell 0, may be negative
 * @param window  side of the input window in pixels
 */
public record UnitGrid(int rows, int columns, int stride, int offset, int window) {

    public UnitGrid {
        if (rows < 1 || columns < 1 || window < 1 || stride < 0) {
            throw new IllegalArgumentException("a unit grid needs rows, columns, window >= 1 and stride >= 0, got "
                    + rows + ", " + columns + ", " + window + ", " + stride);
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
    public int start(int cell) {
        return cell * stride + offset;
    }
}
