package org.prunedistill.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.prunedistill.claimcheck.RetryPolicy;

/** Configuration of results-api; environment variables override (for example PD_STORE_ENDPOINT). */
@ConfigMapping(prefix = "pd")
public interface ResultsApiConfig {

    Store store();

    Api api();

    Retry retry();

    /** Access to the gRPC API. */
    interface Api {
        /**
         * Bearer token the mutating RPCs (SubmitRun and any later one that changes state) require in their
         * {@code authorization} header; read-only RPCs stay open. Absent or blank: no token is required (the local
         * default of {@code ./pd demo}). Env {@code PD_API_TOKEN}; never logged.
         */
        Optional<String> token();
    }

    /** The claim-check store the per-unit tables of results are read from. */
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

        /** Largest object read from the store, in bytes (PD_STORE_MAX_OBJECT_BYTES, default 1 GiB). */
        @WithDefault("1073741824")
        long maxObjectBytes();
    }

    /** Backoff while the object store cannot be reached (PD_RETRY_INITIAL_DELAY, _MAX_DELAY, _MAX_DURATION). */
    interface Retry {
        /** First wait after the object store could not be reached. */
        @WithDefault(RetryPolicy.DEFAULT_INITIAL_DELAY)
        Duration initialDelay();

        /** Longest wait between two attempts. */
        @WithDefault(RetryPolicy.DEFAULT_MAX_DELAY)
        Duration maxDelay();

        /** Give up after this long (or at the caller's deadline, if sooner). */
        @WithDefault(RetryPolicy.DEFAULT_MAX_DURATION)
        Duration maxDuration();

        default RetryPolicy policy() {
            return new RetryPolicy(initialDelay(), maxDelay(), maxDuration());
        }
    }
}
