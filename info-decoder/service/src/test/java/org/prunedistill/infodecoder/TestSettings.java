package org.prunedistill.infodecoder;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.infodecoder.config.ConfiguredSettings;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;

/**
 * The service's settings as it reads them (the configuration's own defaults), with a test's changes: every test runs
 * 20 permutations, 200 bootstrap resamples and the quick decoding profile, so that it takes little time.
 */
final class TestSettings {

    private static final Map<String, String> FAST = Map.of("permutations", "20", "decoding.profile", "quick");

    private TestSettings() {
    }

    static InformationSettings defaults() {
        return with();
    }

    /** The test defaults with some settings changed, each given as {@code key=value} below {@code pd.info.}. */
    static InformationSettings with(String... changes) {
        return ConfiguredSettings.of(config(changes));
    }

    /** The configuration itself, test defaults and changes applied. */
    static InfoDecoderConfig config(String... changes) {
        Map<String, String> properties = new HashMap<>();
        FAST.forEach((key, value) -> properties.put("pd.info." + key, value));
        for (String change : changes) {
            int equals = change.indexOf('=');
            properties.put("pd.info." + change.substring(0, equals), change.substring(equals + 1));
        }
        return new SmallRyeConfigBuilder().withMapping(InfoDecoderConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(InfoDecoderConfig.class);
    }
}
