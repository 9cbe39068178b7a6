package org.prunedistill.extraction.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.prunedistill.claimcheck.Sha256;

/**
 * What code produced a result, as a SHA-256 over the bytes of the jars (or class directories) the given classes were
 * loaded from. A version string says "dev" for every development build; this changes with any change of the code,
 * so a key that includes it never serves a tensor computed by other code. The price: a rebuild of the same sources
 * (new jar timestamps) is another fingerprint, which only costs a recomputation.
 */
public final class CodeFingerprint {

    private CodeFingerprint() {
    }

    /**
     * The fingerprint of the code locations of these classes, in the given order; a class whose location the class
     * loader does not tell (no code source) contributes its own class file.
     *
     * @throws UncheckedIOException if a location cannot be read
     */
    public static String of(Class<?>... classes) {
        MessageDigest digest = Sha256.newDigest();
        Set<Path> seen = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            Path location = location(type);
            if (location == null) {
                field(digest, type.getName().getBytes(StandardCharsets.UTF_8));
                field(digest, classFile(type));
            } else if (seen.add(location)) {
                hashLocation(digest, location);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.exists(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void hashLocation(MessageDigest digest, Path location) {
        try {
            if (Files.isRegularFile(location)) {
                field(digest, Files.readAllBytes(location));
                return;
            }
            List<Path> files;
            try (Stream<Path> tree = Files.walk(location)) {
                files = tree.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                field(digest, location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                field(digest, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code at " + location, e);
        }
    }

    private static byte[] classFile(Class<?> type) {
        String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the class file of " + type.getName() + " cannot be read");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + type.getName(), e);
        }
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
