package org.prunedistill.storeconfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the claim-check bucket lives. PD_STORE_ENDPOINT and PD_STORE_BUCKET may come from anywhere;
 * PD_STORE_ACCESS_KEY and PD_STORE_SECRET_KEY only from the environment or a Kubernetes Secret.
 */
@ConfigMapping(prefix = "pd.store")
public interface StoreConfig {

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

    /**
     * Largest object a claim may name, in bytes (PD_STORE_MAX_OBJECT_BYTES, default 1 GiB): a larger one is refused
     * before its body is read and its manifest dead-lettered.
     */
    @WithDefault("1073741824")
    long maxObjectBytes();
}
