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

    Catalog catalog();

    /** The catalog's rebuild from the topics at start-up and its live feed afterwards. */
    interface Catalog {
        /**
         * Kafka client id of the catalog's consumer (assigned partitions, no consumer group), by which an operator
         * can see it or set a quota on it.
         */
        @WithDefault("results-api-catalog")
        String clientId();

        /**
         * Directory of the file that holds the bytes of every result while the process runs (the heap keeps only an
         * index): about 1.4 kB per result, so 1.4 GB for a million. Removed at shutdown.
         */
        @WithDefault("${java.io.tmpdir}")
        String spillDirectory();
    }

    /** Access to the gRPC API. */
    interface Api {
        /**
         * Bearer token the mutating RPCs (SubmitRun and any later one that changes state) require in their
         * {@code authorization} header; read-only RPCs stay open. Absent or blank: no token is required (the local
         * default of {@code ./pd demo}). Env {@code PD_API_TOKEN}; never logged.
         */
        Optional<String> token();

        /**
         * Whether results-api refuses to start without a token ({@code ApiTokenRequirement}): on in the {@code k8s}
         * profile the Kubernetes manifests run with, off elsewhere. The committed placeholder is refused either way.
         */
        @WithDefault("false")
        boolean tokenRequired();
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
