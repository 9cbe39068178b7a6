package org.prunedistill.extraction.stimuli;

/**
 * A stimulus set whose trials are rendered once and kept: a run passes the same renderings through every checkpoint
 * of every model, and ray-casting the rat design again for each of eight checkpoints cost more than the cache's
 * memory. Only the run's jitter seed is kept (another seed renders afresh), and only when every trial of every
 * condition fits in the given bytes ({@link #within}); a larger set is rendered batch by batch as before. Renderings
 * are handed out as copies, so a caller cannot change what the next checkpoint sees. Thread-safe.
 */
public final class RenderingCache extends ForwardingStimulusSet {

    private final long seed;
    private final float[][] renderings;

    private RenderingCache(RenderedStimulusSet set, long seed) {
        super(set);
        this.seed = seed;
        this.renderings = new float[set.conditions().size() * set.trials()][];
    }

    /**
     * The set with its renderings for {@code seed} kept, if all of them take at most {@code maxBytes}; else the set
     * itself.
     */
    public static RenderedStimulusSet within(RenderedStimulusSet set, long seed, long maxBytes) {
        return bytes(set) <= maxBytes ? new RenderingCache(set, seed) : set;
    }

    /** Bytes every trial of every condition of the set takes as float renderings. */
    public static long bytes(RenderedStimulusSet set) {
        return (long) set.conditions().size() * set.trials() * set.channels() * set.imageSize() * set.imageSize()
                * Float.BYTES;
    }

    /** What the set holds plus every rendering, once all are made. */
    @Override
    public long residentBytes() {
        return super.residentBytes() + bytes(forwarded());
    }

    @Override
    public float[] render(int conditionIndex, int trial, long seed) {
        if (seed != this.seed || conditionIndex < 0 || conditionIndex >= conditions().size() || trial < 0
                || trial >= trials()) {
            return super.render(conditionIndex, trial, seed);
        }
        int index = conditionIndex * trials() + trial;
        float[] kept;
        synchronized (renderings) {
            kept = renderings[index];
        }
        if (kept == null) {
            // rendered outside the lock: renderings are deterministic, so a race renders the same image twice
            kept = super.render(conditionIndex, trial, seed);
            synchronized (renderings) {
                renderings[index] = kept;
            }
        }
        return kept.clone();
    }
}
