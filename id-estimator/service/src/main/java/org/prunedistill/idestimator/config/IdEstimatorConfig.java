package org.prunedistill.idestimator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the id-estimator; environment variables override (for example PD_STORE_ENDPOINT). */
@ConfigMapping(prefix = "pd")
public interface IdEstimatorConfig {

    Store store();

    Id id();

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

    interface Id {
        /** Fraction of the sorted TwoNN ratios kept by the linear fit (SCIENCE.md 3.2). */
        @WithDefault("0.9")
        double fraction();

        /** Significance level of the TwoNN maximum-likelihood confidence interval. */
        @WithDefault("0.05")
        double alpha();
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
