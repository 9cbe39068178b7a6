package org.prunedistill.claimcheck;

import java.util.List;
import org.prunedistill.claimcheck.ClaimCheckException.Problem;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceManifest;

/**
 * Redeems every batch claim of a source manifest and stitches the batches into one {@link SourceTensor}, checking
 * that they agree with each other and with the manifest's total shape.
 */
public final class SourceAssembler {

    private final ObjectStore store;

    public SourceAssembler(ObjectStore store) {
        this.store = store;
    }

    /**
     * @throws ClaimCheckException if a batch is missing, corrupt or inconsistent; the message names the object
     */
    public SourceTensor assemble(SourceManifest manifest) {
        List<Long> total = manifest.getTotalShapeList();
        if (total.size() != 3 || total.stream().anyMatch(dimension -> dimension <= 0)) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH,
                    "manifest total_shape " + total + " is not [conditions, trials, units] with positive sizes");
        }
        if (manifest.getBatchesCount() == 0) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "manifest lists no batches");
        }
        int conditions = Math.toIntExact(total.get(0));
        int trials = Math.toIntExact(total.get(1));
        int units = Math.toIntExact(total.get(2));
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(conditions, trials), units)];
        int row = 0;
        for (ObjectRef ref : manifest.getBatchesList()) {
            NpyArray batch = store.fetchTensor(ref);
            int[] shape = batch.shape();
            if (shape.length != 3 || shape[1] != trials || shape[2] != units) {
                throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "batch " + ref.getKey() + " has shape "
                        + java.util.Arrays.toString(shape) + ", the manifest needs [*, " + trials + ", " + units + "]");
            }
            if (row + shape[0] > conditions) {
                throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "batches hold more than the " + conditions
                        + " conditions of the manifest (at " + ref.getKey() + ")");
            }
            System.arraycopy(batch.data(), 0, data, row * trials * units, batch.data().length);
            row += shape[0];
        }
        if (row != conditions) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH,
                    "batches hold " + row + " conditions, the manifest announces " + conditions);
        }
        return new SourceTensor(conditions, trials, units, data);
    }
}
