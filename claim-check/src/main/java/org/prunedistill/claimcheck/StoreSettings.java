package org.prunedistill.claimcheck;

/**
 * Where the claim-check bucket lives.
 *
 * @param endpoint  S3 endpoint URL, for example {@code http://127.0.0.1:9100} or {@code http://minio:9000}
 * @param accessKey access key id
 * @param secretKey secret key; never logged
 * @param bucket    bucket holding every object of the pipeline
 * @param region    region to sign requests for
 */
public record StoreSettings(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    @Override
    public String toString() {
        return "StoreSettings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
}
