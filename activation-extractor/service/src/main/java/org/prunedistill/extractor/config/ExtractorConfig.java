package org.prunedistill.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.prunedistill.claimcheck.RetryPolicy;

/** Configuration of the activation-extractor; environment variables override (for example PD_STORE_ENDPOINT). */
@ConfigMapping(prefix = "pd")
public interface ExtractorConfig {

    Store store();

    Extraction extraction();

    Retry retry();

    /**
     * Directories whose files a run may name as {@code file://} inputs (PD_INPUT_ROOTS, comma-separated; absent: none,
     * so inputs come through the object store). The embedded default sets {@code /}: it runs on the user's machine.
     * Never {@code /proc}, {@code /dev} or {@code /sys}; every file at most {@code store.max-object-bytes}.
     */
    Optional<List<String>> inputRoots();

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

    interface Extraction {
        /** Conditions per activation batch when the run does not say. */
        @WithDefault("32")
        int batchConditions();

        /** Renderings per condition (jittered trials) when the run does not say. */
        @WithDefault("10")
        int trials();

        /** Seed of the stimulus jitter when the run does not say. */
        @WithDefault("1")
        long seed();

        /**
         * Whether a source extracted before under the same provenance key is republished instead of extracted again
         * (PD_EXTRACTION_REUSE=false forces recomputation).
         */
        @WithDefault("true")
        boolean reuse();

        /** ONNX Runtime intra-op threads. */
        @WithDefault("1")
        int onnxThreads();
    }

    /** Backoff while the object store cannot be reached (PD_RETRY_INITIAL_DELAY, _MAX_DELAY, _MAX_DURATION). */
    interface Retry {
        /** First wait after the object store could not be reached. */
        @WithDefault(RetryPolicy.DEFAULT_INITIAL_DELAY)
        Duration initialDelay();

        /** Longest wait between two attempts. */
        @WithDefault(RetryPolicy.DEFAULT_MAX_DELAY)
        Duration maxDelay();

        /** Give up after this long: the run fails naming the object. */
        @WithDefault(RetryPolicy.DEFAULT_MAX_DURATION)
        Duration maxDuration();

        default RetryPolicy policy() {
            return new RetryPolicy(initialDelay(), maxDelay(), maxDuration());
        }
    }
}
