package org.prunedistill.id.nd4j;

import org.prunedistill.id.ExactDistance;

/**
 * {@link ExactDistance} from one row of a row-major float matrix to {@value #GROUP} other rows at once, or to one: the
 * exact pass's arithmetic. Every implementation gives the same bits as {@link ExactDistance#of}.
 */
abstract class RowDistances {

    /** Rows per {@link #group} call. */
    static final int GROUP = 8;

    private static final boolean MODULE_RESOLVED =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    // The module check comes first: VectorRowDistances cannot even be initialised without the module.
    private static final RowDistances FASTEST = MODULE_RESOLVED && VectorRowDistances.wideEnough()
            ? new VectorRowDistances()
            : new ScalarRowDistances(MODULE_RESOLVED ? "this CPU has no 512-bit vectors"
                    : "jdk.incubator.vector not resolved: start the JVM with --add-modules=ALL-SYSTEM");

    /**
     * Eight double lanes when the JVM resolved the incubating Vector API ({@code --add-modules=ALL-SYSTEM} or
     * {@code =jdk.incubator.vector}) and the CPU has 512-bit vectors; scalar code otherwise, same results.
     */
    static RowDistances fastest() {
        return FASTEST;
    }

    /** Distances from row i to the {@value #GROUP} rows js[0..7] into out[0..7]. */
    abstract void group(float[] data, int d, int i, int[] js, double[] out);

    /**
     * Distance from row i to row j, by the scalar formula in every implementation: single rows are the exact pass's
     * rare case (beyond the k-th candidate, rescans), too rare for the JIT to compile a vector version early, and
     * before that the Vector API runs as slow plain Java.
     */
    final double one(float[] data, int d, int i, int j) {
        return ExactDistance.of(data, i * d, j * d, d);
    }

    /** What runs, for the benchmark's and the service's reports. */
    abstract String describe();

    /** Scalar code, two rows at a time ({@link ExactDistance#ofTwo}: two memory streams in flight). */
    static final class ScalarRowDistances extends RowDistances {

        private final String why;

        /** @param why why the vector lanes do not run, for {@link #describe()} */
        ScalarRowDistances(String why) {
            this.why = why;
        }

        @Override
        void group(float[] data, int d, int i, int[] js, double[] out) {
            double[] pair = new double[2];
            for (int slot = 0; slot < GROUP; slot += 2) {
                ExactDistance.ofTwo(data, i * d, js[slot] * d, js[slot + 1] * d, d, pair);
                out[slot] = pair[0];
                out[slot + 1] = pair[1];
            }
        }

        @Override
        String describe() {
            return "scalar (" + why + ")";
        }
    }
}
