package org.prunedistill.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds of the project side by side in one JVM, for the A/B benchmarks ({@link EstimatorAb}, {@link ColumnBlocksAb}).
 */
final class Builds {

    private Builds() {
    }

    /**
     * A new instance of the benchmark class {@code pass} loaded with {@code classes} (one build's compiled module)
     * first: its own copy of every class of that build. The pass must be public with a public constructor.
     */
    static <T> T load(Path classes, Path benchmarkClasses, Class<? extends T> pass) throws Exception {
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException(classes + " is not a directory of classes");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(),
            benchmarkClasses.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        @SuppressWarnings("unchecked")
        T instance = (T) loader.loadClass(pass.getName()).getDeclaredConstructor().newInstance();
        return instance;
    }
}
