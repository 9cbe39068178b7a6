package org.prunedistill.infodecoder;

import java.util.Optional;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;
import org.prunedistill.infodecoder.domain.UnitFilter;

/** The configuration's defaults as a plain value, with the few knobs a test turns. */
record TestConfig(int responseBins, int luminanceBins, int featureBins, double luminanceRatioThreshold,
        int permutations, double significanceLevel, int bootstrapResamples, long seed, Optional<Integer> parallelism,
        Optional<Integer> maxUnits, int unitBlock, UnitFilter unitFilter, double minObjectCoverage,
        double populationLuminanceRatioThreshold) implements InfoDecoderConfig {

    /** Decoding at the service's defaults, with the population's luminance-ratio threshold given. */
    record DecodingDefaults(double threshold) implements Decoding {
        public int units() {
            return 64;
        }

        public int pairsPerUnit() {
            return 3;
        }

        public int generalisationRepetitions() {
            return 100;
        }

        public int folds() {
            return 5;
        }

        public int chanceShuffles() {
            return 5;
        }

        public int populationPool() {
            return 256;
        }

        public java.util.List<Integer> populationSizes() {
            return java.util.List.of(6, 24, 96);
        }

        public int populationResamplings() {
            return 3;
        }

        public int populationPairs() {
            return 2;
        }

        public double populationLuminanceRatioThreshold() {
            return threshold;
        }
    }

    @Override
    public Decoding decoding() {
        return new DecodingDefaults(populationLuminanceRatioThreshold);
    }

    /** The service's defaults, but 20 permutations and 200 bootstrap resamples so that a test takes little time. */
    static TestConfig defaults() {
        return new TestConfig(3, 4, 23, 0.9, 20, 0.05, 200, 2017L, Optional.empty(), Optional.empty(), 1024,
                UnitFilter.INCLUDED, 0.10, 0.8);
    }

    TestConfig withUnitFilter(UnitFilter filter) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, parallelism, maxUnits, unitBlock, filter,
                minObjectCoverage, populationLuminanceRatioThreshold);
    }

    TestConfig withLuminanceBins(int bins) {
        return new TestConfig(responseBins, bins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, parallelism, maxUnits, unitBlock, unitFilter,
                minObjectCoverage, populationLuminanceRatioThreshold);
    }

    TestConfig withPopulationLuminanceRatioThreshold(double threshold) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, parallelism, maxUnits, unitBlock, unitFilter,
                minObjectCoverage, threshold);
    }

    TestConfig withUnitBlock(int units) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, parallelism, maxUnits, units, unitFilter,
                minObjectCoverage, populationLuminanceRatioThreshold);
    }

    TestConfig withBootstrapResamples(int count) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, count, seed, parallelism, maxUnits, unitBlock, unitFilter,
                minObjectCoverage, populationLuminanceRatioThreshold);
    }

    TestConfig withPermutations(int count) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, count,
                significanceLevel, bootstrapResamples, seed, parallelism, maxUnits, unitBlock, unitFilter,
                minObjectCoverage, populationLuminanceRatioThreshold);
    }

    TestConfig withMaxUnits(int units) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, parallelism, Optional.of(units), unitBlock, unitFilter,
                minObjectCoverage, populationLuminanceRatioThreshold);
    }

    TestConfig withParallelism(int threads) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, Optional.of(threads), maxUnits, unitBlock, unitFilter,
                minObjectCoverage, populationLuminanceRatioThreshold);
    }
}
