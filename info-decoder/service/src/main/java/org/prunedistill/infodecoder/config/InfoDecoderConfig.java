package org.prunedistill.infodecoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the info-decoder; environment variables override (for example PD_STORE_ENDPOINT). */
@ConfigMapping(prefix = "pd")
public interface InfoDecoderConfig {

    Store store();

    Info info();

    Retry retry();

    interface Store {
        /** S3 endpoint URL of the claim-check bucket. */
        String endpoint();

        /** Access key id. */
        String accessKey();

        /** Secret key; never logged. */
        String secretKey();

        /** Bucket holding tensors and documents. */
        @WithDefault("prune-distill")
        String bucket();

        /** Region requests are signed for. */
        @WithDefault("us-east-1")
        String region();
    }

    interface Info {
        /** Equipopulated bins of each unit's responses (SCIENCE.md 4.2). */
        @WithDefault("3")
        int responseBins();

        /** Equipopulated bins of the conditions' luminance, the stimulus of I(R;luminance). */
        @WithDefault("4")
        int luminanceBins();
    }

    interface Retry {
        /** First wait after the object store could not be reached. */
        @WithDefault("500ms")
        Duration initialDelay();

        /** Longest wait between two attempts. */
        @WithDefault("15s")
        Duration maxDelay();

        /** Give up (and dead-letter the manifest) after this long. */
        @WithDefault("2m")
        Duration maxDuration();
    }
}
