package org.prunedistill.infodecoder;

import java.util.Optional;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;

/** The configuration's defaults as a plain value, with the few knobs a test turns. */
record TestConfig(int responseBins, int luminanceBins, int featureBins, double luminanceRatioThreshold,
        int permutations, double significanceLevel, int bootstrapResamples, long seed, Optional<Integer> parallelism,
        Optional<Integer> maxUnits, int unitBlock) implements InfoDecoderConfig {

    /** Decoding at the service's defaults. */
    record DecodingDefaults() implements Decoding {
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
    }

    @Override
    public Decoding decoding() {
        return new DecodingDefaults();
    }

    static TestConfig defaults() {
        return new TestConfig(3, 4, 23, 0.9, 20, 0.05, 200, 2017L, Optional.empty(), Optional.empty(), 1024);
    }

    TestConfig withUnitBlock(int units) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, parallelism, maxUnits, units);
    }

    TestConfig withBootstrapResamples(int count) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, count, seed, parallelism, maxUnits, unitBlock);
    }

    TestConfig withPermutations(int count) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, count,
                significanceLevel, bootstrapResamples, seed, parallelism, maxUnits, unitBlock);
    }

    TestConfig withMaxUnits(int units) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, parallelism, Optional.of(units), unitBlock);
    }

    TestConfig withParallelism(int threads) {
        return new TestConfig(responseBins, luminanceBins, featureBins, luminanceRatioThreshold, permutations,
                significanceLevel, bootstrapResamples, seed, Optional.of(threads), maxUnits, unitBlock);
    }
}
