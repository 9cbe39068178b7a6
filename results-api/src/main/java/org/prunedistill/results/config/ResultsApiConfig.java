package org.prunedistill.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Configuration of results-api; environment variables override (for example PD_API_TOKEN). The store and its retries
 * ({@code pd.store.*}, {@code pd.retry.*}) are store-config's {@code StoreConfig} and {@code RetryConfig}.
 */
@ConfigMapping(prefix = "pd")
public interface ResultsApiConfig {

    Api api();

    Catalog catalog();

    Inputs inputs();

    /** Uploads of the files runs name ({@code InputService}). */
    interface Inputs {
        /**
         * Directory of the temporary file each upload in progress is written to before it is verified and stored
         * (deleted right after): room for the largest object the store takes, times the concurrent uploads.
         */
        @WithDefault("${java.io.tmpdir}")
        String uploadDirectory();
    }

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
         * Bearer token the mutating RPCs (SubmitRun, the uploads and any later one that changes state) require in their
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

        /**
         * Bearer token the read RPCs and the REST mirror ({@code /api/...}) then require (the token above serves too);
         * the dashboard asks for it. Absent or blank: reads are open (the local default). Env
         * {@code PD_API_READ_TOKEN}; never logged. Health, metrics and the dashboard's static files stay open.
         */
        Optional<String> readToken();

        /** Whether results-api refuses to start without a read token: on in the {@code k8s} profile. */
        @WithDefault("false")
        boolean readTokenRequired();
    }
}
