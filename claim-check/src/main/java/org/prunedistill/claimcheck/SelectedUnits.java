package org.prunedistill.claimcheck;

/** A subset of a source's units, renumbered from 0 in ascending order (see {@link SourceActivations#select}). */
final class SelectedUnits implements SourceActivations {

    private final SourceActivations source;
    private final int[] units;

    SelectedUnits(SourceActivations source, int[] units) {
        SourceActivations.requireAscending(units, source.units());
        this.source = source;
        this.units = units.clone();
    }

    @Override
    public int conditions() {
        return source.conditions();
    }

    @Override
    public int trials() {
        return source.trials();
    }

    @Override
    public int units() {
        return units.length;
    }

    @Override
    public SourceTensor gather(int[] indices) {
        SourceActivations.requireAscending(indices, units.length);
        int[] original = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            original[i] = units[indices[i]];
        }
        return source.gather(original);
    }
}
