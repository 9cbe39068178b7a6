package org.prunedistill.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the activation-extractor; environment variables override (for example PD_STORE_ENDPOINT). */
@ConfigMapping(prefix = "pd")
public interface ExtractorConfig {

    Store store();

    Extraction extraction();

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
}
