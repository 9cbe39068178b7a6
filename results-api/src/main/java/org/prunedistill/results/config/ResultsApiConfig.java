package org.prunedistill.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of results-api; environment variables override (for example PD_STORE_ENDPOINT). */
@ConfigMapping(prefix = "pd")
public interface ResultsApiConfig {

    Store store();

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
}
