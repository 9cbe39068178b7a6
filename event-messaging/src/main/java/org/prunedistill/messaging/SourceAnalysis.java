package org.prunedistill.messaging;

import java.util.List;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SpilledSource;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;

/** What an analysis service computes from one complete source. */
public interface SourceAnalysis {

    /** The analysis name results and failures carry, for example {@code intrinsic-dimension}. */
    String name();

    /**
     * Analyses one source.
     *
     * @param manifest the source's manifest (for its stimulus metadata and provenance)
     * @param source   the verified activations, read a block of units at a time (usually a {@link SpilledSource};
     *                 valid only during the call)
     * @return the results to publish, each with its result key
     * @throws IllegalArgumentException when the data cannot be analysed (the source fails with this message)
     */
    List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source);

    /**
     * Analyses one source, saying where it stands as it goes: an analysis that overrides this reports its steps
     * (with counts, so that people get an estimate of the time left); by default the step is "analysing", uncounted.
     */
    default List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations source, StepProgress progress) {
        return analyse(manifest, source);
    }

    /**
     * What this analysis's results of the source cannot show by the source's design, decided from its manifest (for
     * example one trial per condition, where no permutation test can reject): each is published as a run warning
     * naming the source, after its results. None by default.
     */
    default List<String> cautions(SourceManifest manifest) {
        return List.of();
    }
}
