package org.prunedistill.infodecoder.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.info.analysis.domain.DecodingProfile;
import org.prunedistill.info.analysis.domain.InformationSettings;

/** The configuration as the analysis gets it: the paper's protocol unless told otherwise (SCIENCE.md 4.3-4.7, 5). */
class ConfiguredSettingsTest {

    @Test
    void theDefaultsAreThePapers() {
        InformationSettings settings = settings(Map.of());
        assertEquals(100, settings.permutations());
        assertEquals(0, settings.bootstrapResamples(), "the exact bootstrap by default");
        assertEquals(0.8, settings.decoding().populationLuminanceRatioThreshold());
        assertEquals(new InformationSettings.Decoding(DecodingProfile.PAPER, 0, 0, 1000, 5, 5, 0,
                List.of(6, 12, 24, 48, 96), 50, 0, 0.8), settings.decoding());
    }

    @Test
    void theQuickProfileSamplesAndAnySettingOverridesItsProfile() {
        assertEquals(new InformationSettings.Decoding(DecodingProfile.QUICK, 64, 3, 100, 5, 5, 256, List.of(6, 24, 96),
                3, 2, 0.8), settings(Map.of("pd.info.decoding.profile", "quick")).decoding());
        assertEquals(new InformationSettings.Decoding(DecodingProfile.PAPER, 0, 4, 250, 5, 5, 0, List.of(6, 12), 50, 0,
                0.8), settings(Map.of("pd.info.decoding.pairs-per-unit", "4",
                        "pd.info.decoding.generalisation-repetitions", "250",
                        "pd.info.decoding.population-sizes", "6,12")).decoding());
    }

    @Test
    void refusesSettingsNoSourceCouldBeAnalysedWith() {
        assertEquals("pd.info.decoding.population-pairs must be 0 (every one) or more, got -1",
                assertThrows(IllegalArgumentException.class,
                        () -> settings(Map.of("pd.info.decoding.population-pairs", "-1"))).getMessage());
        assertEquals("pd.info.unit-block must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("pd.info.unit-block", "0"))).getMessage());
        assertEquals("pd.info.max-units must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("pd.info.max-units", "0"))).getMessage());
        assertEquals("pd.info.bootstrap-resamples must be 0 (the exact bootstrap) or at least 2 resamples, got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> settings(Map.of("pd.info.bootstrap-resamples", "1"))).getMessage());
    }

    private static InformationSettings settings(Map<String, String> properties) {
        return ConfiguredSettings.of(new SmallRyeConfigBuilder().withMapping(InfoDecoderConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(InfoDecoderConfig.class));
    }
}
