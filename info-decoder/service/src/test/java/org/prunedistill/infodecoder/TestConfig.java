package org.prunedistill.infodecoder;

import java.util.Optional;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;

/** The configuration's defaults as a plain value, with the few knobs a test turns. */
record TestConfig(int responseBins, int luminanceBins, int featureBins, double luminanceRatioThreshold,
        int permutations, double significanceLevel, int bootstrapResamples, long seed, Optional<Integer> parallelism,
        Optional<Integer> maxUnits, int unitBlock) implements InfoDecoderConfig {

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
