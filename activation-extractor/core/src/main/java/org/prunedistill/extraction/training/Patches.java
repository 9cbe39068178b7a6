package org.prunedistill.extraction.training;

import java.util.Arrays;

/**
 * The patch matrix of a 3x3 pad-1 convolution over a batch (im2col) and its transpose-add (col2im), for maps stored
 * channel-major over the batch: {@code map[(ch n + b) S^2 + r S + c]} for channel ch of image b of n, side S.
 *
 * <p>Patch matrix: row {@code k = ch 9 + 3 i + j} (the ONNX weight layout [F][C][3][3] flattened per filter), column
 * {@code b S^2 + r S + c}, value {@code map[ch][b][r + i - 1][c + j - 1]}, 0 outside the image. A convolution is then
 * W[F][9C] x patches[9C][n S^2], in the output's channel-major layout. Rows are assembled in a Java row buffer and
 * copied whole to or from the off-heap matrix. Not thread-safe (the row buffer).
 */
final class Patches {

    private static final int K = 3;
    private final float[] row;

    /** @param maxColumns the most columns (images x positions) of any patch matrix filled with this instance */
    Patches(int maxColumns) {
        this.row = new float[maxColumns];
    }

    /** Fills {@code patches} [9 x channels][n S^2] from {@code map} [channels][n][S][S]. */
    void gather(float[] map, int channels, int n, int side, OffHeapFloats patches) {
        int area = side * side;
        int width = n * area;
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    for (int b = 0; b < n; b++) {
                        for (int r = 0; r < side; r++) {
                            int to = b * area + r * side;
                            int source = r + i - 1;
                            if (source < 0 || source >= side) {
                                Arrays.fill(row, to, to + side, 0f);
                            } else {
                                shiftedCopy(map, (ch * n + b) * area + source * side, to, side, j - 1);
                            }
                        }
                    }
                    patches.put(((ch * K + i) * K + j) * width, row, 0, width);
                }
            }
        }
    }

    /**
     * Adds the patch gradients back onto the map gradient: {@code dMap[ch][b][r + i - 1][c + j - 1] +=
     * dPatches[k][b S^2 + r S + c]} inside the image, rows k in increasing order (a fixed summation order).
     */
    void scatterAdd(OffHeapFloats dPatches, int channels, int n, int side, float[] dMap) {
        int area = side * side;
        int width = n * area;
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    dPatches.get(((ch * K + i) * K + j) * width, row, 0, width);
                    int shift = j - 1;
                    int from = Math.max(0, -shift);
                    int to = Math.min(side, side - shift);
                    for (int b = 0; b < n; b++) {
                        for (int r = 0; r < side; r++) {
                            int target = r + i - 1;
                            if (target < 0 || target >= side) {
                                continue;
                            }
                            int out = (ch * n + b) * area + target * side + shift;
                            int in = b * area + r * side;
                            for (int c = from; c < to; c++) {
                                dMap[out + c] += row[in + c];
                            }
                        }
                    }
                }
            }
        }
    }

    /** row[to + c] = map[from + c + shift] for c in [0, side), 0 where c + shift leaves the row. */
    private void shiftedCopy(float[] map, int from, int to, int side, int shift) {
        if (shift < 0) {
            row[to] = 0f;
            System.arraycopy(map, from, row, to + 1, side - 1);
        } else if (shift == 0) {
            System.arraycopy(map, from, row, to, side);
        } else {
            System.arraycopy(map, from + 1, row, to, side - 1);
            row[to + side - 1] = 0f;
        }
    }
}
