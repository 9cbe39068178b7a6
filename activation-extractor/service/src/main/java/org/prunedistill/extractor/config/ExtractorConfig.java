package org.prunedistill.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Configuration of the activation-extractor; environment variables override (for example PD_INPUT_ROOTS). The store and its retries
 * ({@code pd.store.*}, {@code pd.retry.*}) are store-config's {@code StoreConfig} and {@code RetryConfig}.
 */
@ConfigMapping(prefix = "pd")
public interface ExtractorConfig {

    Extraction extraction();

    /**
     * Directories whose files a run may name as {@code file://} inputs (PD_INPUT_ROOTS, comma-separated; absent: none,
     * so inputs come through the object store). The embedded default sets {@code /}: it runs on the user's machine.
     * Never {@code /proc}, {@code /dev} or {@code /sys}; every file at most {@code store.max-object-bytes}.
     */
    Optional<List<String>> inputRoots();

    interface Extraction {
        /**
         * Conditions per activation batch when the run does not say (PD_EXTRACTION_BATCH_CONDITIONS); absent: sized
         * from the heap and the layers' sizes ({@code BatchSize}, at most 32).
         */
        Optional<Integer> batchConditions();

        /**
         * Share of the max heap a batch's activations may take, times the copies the heap holds of them, when the
         * batch is sized from the heap.
         */
        @WithDefault("0.5")
        double batchHeapFraction();

        /** Renderings per condition (jittered trials) when the run does not say. */
        @WithDefault("10")
        int trials();

        /** Seed of the stimulus jitter when the run does not say. */
        @WithDefault("1")
        long seed();

        /**
         * Whether a source extracted before under the same provenance key is republished instead of extracted again
         * (PD_EXTRACTION_REUSE=false forces recomputation).
         */
        @WithDefault("true")
        boolean reuse();

        /** ONNX Runtime intra-op threads. */
        @WithDefault("1")
        int onnxThreads();

        /**
         * Native memory ONNX Runtime may take for one model, MiB (PD_EXTRACTION_ONNX_MEMORY_MB): a batch runs in as
         * many images at once as fit ({@code OnnxMemoryCap}); set it from the container's limit beside the heap.
         */
        @WithDefault("768")
        long onnxMemoryMb();
    }
}
