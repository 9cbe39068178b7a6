package org.prunedistill.infodecoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the info-decoder: its own analysis settings (store, Kafka and retry settings are shared). */
@ConfigMapping(prefix = "pd.info")
public interface InfoDecoderConfig {

    /** Equipopulated bins of each unit's responses (SCIENCE.md 4.2). */
    @WithDefault("3")
    int responseBins();

    /** Equipopulated bins of the conditions' luminance, the stimulus of I(R;luminance). */
    @WithDefault("4")
    int luminanceBins();
}
