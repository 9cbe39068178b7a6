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
 * plain files under the data directory, so they survive a restart.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** Credentials of the embedded server: loopback only, not a secret. */
    public static final String ACCESS_KEY = "prune-distill";
    public static final String SECRET_KEY = "prune-distill-local";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final int port;

    private EmbeddedS3(S3Proxy proxy, int port) {
        this.proxy = proxy;
        this.port = port;
    }

    /** Starts the server storing objects under {@code dataDirectory}; port 0 picks a free port. */
    public static EmbeddedS3 start(Path dataDirectory, int port) throws Exception {
        Files.createDirectories(dataDirectory);
        int chosen = port == 0 ? FreePorts.find() : port;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dataDirectory.toString());
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem-nio2", properties))
                .endpoint(URI.create("http://127.0.0.1:" + chosen))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        return new EmbeddedS3(proxy, chosen);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
