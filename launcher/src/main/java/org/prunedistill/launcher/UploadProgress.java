package org.prunedistill.launcher;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints an upload's progress for people: bytes sent, share and rate, at most once per {@link #INTERVAL_NS}. */
final class UploadProgress {

    private static final long INTERVAL_NS = 1_000_000_000L;
    private static final double MB = 1e6;

    private final String name;
    private final long size;
    private final PrintWriter out;
    private final long startNs = System.nanoTime();
    private long lastPrintNs = startNs;

    UploadProgress(String name, long size, PrintWriter out) {
        this.name = name;
        this.size = size;
        this.out = out;
        out.println(String.format(Locale.ROOT, "pd: uploading %s (%.1f MB)", name, size / MB));
    }

    /** The bytes sent so far. */
    void sent(long bytes) {
        long now = System.nanoTime();
        if (now - lastPrintNs >= INTERVAL_NS && bytes < size) {
            out.println(String.format(Locale.ROOT, "pd: uploading %s: %.1f of %.1f MB (%d%%) at %.1f MB/s", name,
                    bytes / MB, size / MB, Math.round(100.0 * bytes / size), rate(bytes, now)));
            lastPrintNs = now;
        }
    }

    /** The upload is stored under {@code uri}. */
    void done(String uri) {
        long now = System.nanoTime();
        out.println(String.format(Locale.ROOT, "pd: uploaded %s: %.1f MB in %.1f s (%.1f MB/s) as %s", name,
                size / MB, (now - startNs) / 1e9, rate(size, now), uri));
    }

    private double rate(long bytes, long now) {
        return bytes / MB / Math.max((now - startNs) / 1e9, 1e-3);
    }
}
