package org.prunedistill.info.analysis.domain;

import java.util.List;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.info.MedianEstimate;
import org.prunedistill.info.PopulationDecoding;

/**
 * Decoding of object pairs by single units and by pseudo-populations (SCIENCE.md 5), summarised.
 *
 * @param byDefaultPosition whether single units see their nearer default position's views (else every condition)
 * @param singleUnits       the units decoded one by one
 * @param singleUnitTable   one row per decoded unit
 * @param separability      median separability, bits above chance, and percent correct
 * @param generalisation    median generalisation, bits above chance, and percent correct
 * @param population        the population decoding
 */
public record DecodingSummaries(boolean byDefaultPosition, UnitSample singleUnits, PerUnitTable singleUnitTable,
                                Scores separability, Scores generalisation, Population population) {

    /** Medians over units of one task's two scores. */
    public record Scores(MedianEstimate aboveChance, MedianEstimate percentCorrect) {
    }

    /**
     * Pseudo-population decoding.
     *
     * @param pool          the units drawn for the pool (a seeded subset of {@code population-pool})
     * @param poolUnits     units in the pool (those with valid trials in every pool condition)
     * @param conditions    conditions of the pool
     * @param folds         cross-validation folds used
     * @param pairs         the object pairs decoded by some pseudo-population, as object labels
     * @param sizes         one entry per size that fits the pool (each with its pseudo-populations without a pair)
     * @param table         one row per size ({@link #COLUMNS})
     */
    public record Population(UnitSample pool, int poolUnits, int conditions, int folds, List<int[]> pairs,
                             List<PopulationDecoding> sizes, PerUnitTable table) {

        /** Columns of the population table, in order. */
        public static final List<String> COLUMNS = List.of("units", "resamplings",
                "separability.bits", "separability.chance_bits", "separability.above_chance",
                "separability.above_chance_sd", "separability.percent_correct", "separability.percent_correct_sd",
                "generalisation.bits", "generalisation.chance_bits", "generalisation.above_chance",
                "generalisation.above_chance_sd", "generalisation.percent_correct",
                "generalisation.percent_correct_sd");

        public Population {
            pairs = List.copyOf(pairs);
            sizes = List.copyOf(sizes);
        }
    }
}
