package org.prunedistill.results.domain;

/**
 * An uploaded input in the claim-check bucket.
 *
 * @param key    content-addressed key, {@code inputs/<sha256>}
 * @param uri    what a run names: {@code s3://<bucket>/<key>}
 * @param sha256 SHA-256 of the bytes, 64 lower-case hex digits
 * @param size   bytes
 */
public record StoredInput(String key, String uri, String sha256, long size) {
}
