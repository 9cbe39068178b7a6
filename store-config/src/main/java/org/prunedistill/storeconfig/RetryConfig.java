package org.prunedistill.storeconfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.prunedistill.claimcheck.RetryPolicy;

/** How long to retry while the object store cannot be reached, before failing the source and dead-lettering it. */
@ConfigMapping(prefix = "pd.retry")
public interface RetryConfig {

    /** First wait after the object store could not be reached. */
    @WithDefault(RetryPolicy.DEFAULT_INITIAL_DELAY)
    Duration initialDelay();

    /** Longest wait between two attempts. */
    @WithDefault(RetryPolicy.DEFAULT_MAX_DELAY)
    Duration maxDelay();

    /** Give up after this long. */
    @WithDefault(RetryPolicy.DEFAULT_MAX_DURATION)
    Duration maxDuration();

    default RetryPolicy policy() {
        return new RetryPolicy(initialDelay(), maxDelay(), maxDuration());
    }
}
