package org.prunedistill.extraction.inputs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths of the extractor's machine a run may name as {@code file://} inputs, and what is checked before a
 * byte of one is read. A run names a path; the operator decides which directories (the roots) such a path may lie
 * under: the embedded default allows the user's own files, since it runs on their machine; a deployment allows none
 * unless configured, and inputs travel through the object store instead.
 *
 * <p>A path is refused, in this order, when: no root is configured; it is not under a root as written (checked before
 * the file system is asked, so a refusal says nothing of what exists elsewhere); it does not exist; it lies in a
 * special file system ({@code /proc}, {@code /dev}, {@code /sys}) or, once symbolic links and {@code ..} are resolved,
 * not under a root; it is not a regular file (or directory, where a folder is asked for); it is larger than the
 * limit. Messages name the input, the URI and the rule, never any content. Immutable.
 */
public final class InputRoots {

    private static final List<Path> SPECIAL = List.of(Path.of("/proc"), Path.of("/dev"), Path.of("/sys"));

    private final List<Path> roots;
    private final long maxBytes;

    private InputRoots(List<Path> roots, long maxBytes) {
        this.roots = List.copyOf(roots);
        this.maxBytes = maxBytes;
    }

    /**
     * @param roots    absolute directories (an empty list allows no path); each is resolved once, so a root reached
     *                 through a symbolic link holds the files of its target
     * @param maxBytes the largest file read, in bytes (the object store's limit)
     * @throws IllegalArgumentException for a relative root, one that is not a directory, or a non-positive limit
     */
    public static InputRoots of(List<String> roots, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the input size limit must be positive, got " + maxBytes);
        }
        List<Path> resolved = new ArrayList<>();
        for (String root : roots) {
            Path path = Path.of(root);
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("input root " + root + " is not an absolute path");
            }
            try {
                resolved.add(path.toRealPath());
            } catch (IOException e) {
                throw new IllegalArgumentException("input root " + root + " does not exist", e);
            }
            if (!Files.isDirectory(resolved.get(resolved.size() - 1))) {
                throw new IllegalArgumentException("input root " + root + " is not a directory");
            }
        }
        return new InputRoots(resolved, maxBytes);
    }

    public List<Path> roots() {
        return roots;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * A regular file a run may read.
     *
     * @param what names the input in messages, e.g. "area V1"
     * @return its real path (symbolic links resolved), to read from
     * @throws IllegalArgumentException naming {@code what}, the URI and the rule broken
     */
    public Path file(String uri, String what) {
        Path real = allowed(uri, what);
        if (!Files.isRegularFile(real)) {
            throw refused(what, uri, "it is not a regular file");
        }
        long size;
        try {
            size = Files.size(real);
        } catch (IOException e) {
            throw refused(what, uri, "its size cannot be read");
        }
        if (size > maxBytes) {
            throw refused(what, uri, "it holds " + size + " bytes, more than the limit of " + maxBytes
                    + " (PD_STORE_MAX_OBJECT_BYTES)");
        }
        return real;
    }

    /** A directory (a folder of images) a run may read; each file in it is checked again as it is read. */
    public Path directory(String uri, String what) {
        Path real = allowed(uri, what);
        if (!Files.isDirectory(real)) {
            throw refused(what, uri, "it is not a directory");
        }
        return real;
    }

    private Path allowed(String uri, String what) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw refused(what, uri, "it is not a valid URI");
        }
        if (!"file".equals(parsed.getScheme())) {
            throw refused(what, uri, "it is not a file:// URI");
        }
        Path path;
        try {
            path = Path.of(parsed).normalize();
        } catch (IllegalArgumentException e) {
            throw refused(what, uri, "it is not a valid file:// URI (an absolute path, no host)");
        }
        if (roots.isEmpty()) {
            throw refused(what, uri, "this deployment allows no server paths (PD_INPUT_ROOTS is empty); upload the "
                    + "file, or name an s3:// object of the pipeline's bucket");
        }
        if (special(path) || !underRoot(path)) {
            throw refused(what, uri, outside());
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused(what, uri, "no such file");
        } catch (IOException e) {
            throw refused(what, uri, "it cannot be opened");
        }
        if (special(real) || !underRoot(real)) {
            throw refused(what, uri, "its real path (links resolved) " + outside());
        }
        return real;
    }

    private String outside() {
        return "lies outside the input roots this deployment allows (PD_INPUT_ROOTS: " + roots + "; never /proc, "
                + "/dev or /sys)";
    }

    private boolean underRoot(Path path) {
        return roots.stream().anyMatch(path::startsWith);
    }

    private static boolean special(Path path) {
        return SPECIAL.stream().anyMatch(path::startsWith);
    }

    private static IllegalArgumentException refused(String what, String uri, String rule) {
        return new IllegalArgumentException(what + ": " + uri + " is refused: " + rule);
    }
}
