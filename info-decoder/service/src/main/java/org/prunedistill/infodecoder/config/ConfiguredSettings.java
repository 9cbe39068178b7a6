package org.prunedistill.infodecoder.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.prunedistill.info.analysis.domain.DecodingProfile;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.UnitFilter;

/**
 * The configuration read once into the settings record the analysis takes: the decoding profile's sample sizes with
 * the configured overrides applied, and the checks that would otherwise fail every source (at start, naming the key).
 */
public final class ConfiguredSettings {

    @Produces
    @Singleton
    InformationSettings produce(InfoDecoderConfig config) {
        return of(config);
    }

    /**
     * The settings of this configuration.
     *
     * @throws IllegalArgumentException when a setting is out of range, or the included filter could never find an
     *                                  informative unit
     */
    public static InformationSettings of(InfoDecoderConfig config) {
        double smallestP = 1.0 / (1 + config.permutations());
        if (config.unitFilter() == UnitFilter.INCLUDED && !(smallestP < config.significanceLevel())) {
            throw new IllegalArgumentException("pd.info.permutations = " + config.permutations() + " cannot reach a "
                    + "p-value below pd.info.significance-level = " + config.significanceLevel() + " (the smallest is "
                    + "1/" + (1 + config.permutations()) + "), so no unit could be informative; raise the "
                    + "permutations or set pd.info.unit-filter=all");
        }
        if (config.bootstrapResamples() < 0 || config.bootstrapResamples() == 1) {
            throw new IllegalArgumentException("pd.info.bootstrap-resamples must be 0 (the exact bootstrap) or at "
                    + "least 2 resamples, got " + config.bootstrapResamples());
        }
        if (config.unitBlock() < 1) {
            throw new IllegalArgumentException("pd.info.unit-block must be at least 1, got " + config.unitBlock());
        }
        if (config.maxUnits().orElse(1) < 1) {
            throw new IllegalArgumentException("pd.info.max-units must be at least 1, got " + config.maxUnits().get());
        }
        return new InformationSettings(config.responseBins(), config.luminanceBins(), config.featureBins(),
                config.luminanceRatioThreshold(), config.permutations(), config.significanceLevel(),
                config.bootstrapResamples(), config.seed(), config.maxUnits().orElse(0), config.unitFilter(),
                config.minObjectCoverage(), decoding(config.decoding()),
                new InformationSettings.Execution(config.parallelism().orElse(Runtime.getRuntime()
                        .availableProcessors()), config.unitBlock()));
    }

    private static InformationSettings.Decoding decoding(InfoDecoderConfig.Decoding config) {
        DecodingProfile profile = config.profile();
        InformationSettings.Decoding decoding = new InformationSettings.Decoding(profile,
                count("units", config.units().orElse(profile.units())),
                count("pairs-per-unit", config.pairsPerUnit().orElse(profile.pairsPerUnit())),
                config.generalisationRepetitions().orElse(profile.generalisationRepetitions()), config.folds(),
                config.chanceShuffles(), count("population-pool", config.populationPool()
                        .orElse(profile.populationPool())),
                config.populationSizes().orElse(profile.populationSizes()),
                config.populationResamplings().orElse(profile.populationResamplings()),
                count("population-pairs", config.populationPairs().orElse(profile.populationPairs())),
                config.populationLuminanceRatioThreshold());
        if (decoding.generalisationRepetitions() < 1 || decoding.populationResamplings() < 1) {
            throw new IllegalArgumentException("pd.info.decoding.generalisation-repetitions and "
                    + "population-resamplings must be at least 1, got " + decoding.generalisationRepetitions()
                    + " and " + decoding.populationResamplings());
        }
        return decoding;
    }

    private static int count(String key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("pd.info.decoding." + key + " must be 0 (every one) or more, got "
                    + value);
        }
        return value;
    }
}
