package org.prunedistill.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3-compatible server (s3proxy with its filesystem blob store) running in this JVM on loopback. Objects are
 * plain files under the data directory, so they survive a restart; {@link #stop()} and {@link #resume()} take the
 * server away and bring it back on the same port, as an outage of a real S3 service would.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** Credentials of the embedded server: loopback only, not a secret. */
    public static final String ACCESS_KEY = "prune-distill";
    public static final String SECRET_KEY = "prune-distill-local";
    public static final String REGION = "us-east-1";

    private final Path dataDirectory;
    private final int port;
    private S3Proxy proxy;

    private EmbeddedS3(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts the server storing objects under {@code dataDirectory}; port 0 picks a free port. */
    public static EmbeddedS3 start(Path dataDirectory, int port) throws Exception {
        Files.createDirectories(dataDirectory);
        EmbeddedS3 s3 = new EmbeddedS3(dataDirectory, port == 0 ? FreePorts.find() : port);
        s3.resume();
        return s3;
    }

    /** Starts serving again (on the same port, from the same directory) after {@link #stop()}; no-op if running. */
    public synchronized void resume() throws Exception {
        if (proxy != null) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dataDirectory.toString());
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy started = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem-nio2", properties))
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        started.start();
        proxy = started;
    }

    /** Stops serving: connections are refused until {@link #resume()}; the objects stay on disk. No-op if stopped. */
    public synchronized void stop() throws Exception {
        if (proxy != null) {
            S3Proxy stopping = proxy;
            proxy = null;
            stopping.stop();
        }
    }

    public synchronized boolean running() {
        return proxy != null;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
