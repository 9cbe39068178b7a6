package org.prunedistill.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Configuration of results-api; environment variables override (for example PD_STORE_ENDPOINT). */
@ConfigMapping(prefix = "pd")
public interface ResultsApiConfig {

    Store store();

    Api api();

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
    }
}
