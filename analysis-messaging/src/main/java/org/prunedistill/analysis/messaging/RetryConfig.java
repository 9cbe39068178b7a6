package org.prunedistill.analysis.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.prunedistill.claimcheck.RetryPolicy;

/** How long to retry while the object store cannot be reached, before dead-lettering the manifest. */
@ConfigMapping(prefix = "pd.retry")
public interface RetryConfig {

    /** First wait after the object store could not be reached. */
    @WithDefault("500ms")
    Duration initialDelay();

    /** Longest wait between two attempts. */
    @WithDefault("15s")
    Duration maxDelay();

    /** Give up after this long. */
    @WithDefault("2m")
    Duration maxDuration();

    default RetryPolicy policy() {
        return new RetryPolicy(initialDelay(), maxDelay(), maxDuration());
    }
}
