package org.prunedistill.info.analysis;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.info.Parallel;

/**
 * Hands a source's units to a caller a block at a time, in order. With {@link Reading#AHEAD} the next block is read
 * on a thread of its own while the caller works on the current one, so a spill file's reads overlap the computing
 * instead of taking turns with it (a double buffer): at most two blocks are held, the one worked on and the one
 * being read. The blocks, and so every result, are those of reading in turn ({@link Reading#SEQUENTIAL}). Each block
 * is handed over unit-major ({@link UnitMajorBlock}), turned around on the thread that read it.
 */
final class UnitBlocks {

    /** How blocks are read. */
    enum Reading {
        /** Each block on the calling thread, when the caller asks for it. */
        SEQUENTIAL,
        /** The next block on a reader thread while the caller works on the current one. */
        AHEAD
    }

    /** Works on one block; {@code first} is the index of its first unit. */
    interface BlockTask {
        void accept(int first, UnitMajorBlock block);
    }

    private UnitBlocks() {
    }

    /**
     * Runs {@code task} on units {@code [0, source.units())} in blocks of {@code blockSize}, in order. A read's
     * failure is rethrown as it was thrown, when the caller reaches that block.
     */
    static void forEach(SourceActivations source, int blockSize, Reading reading, BlockTask task) {
        int units = source.units();
        if (reading == Reading.SEQUENTIAL || units <= blockSize) {
            for (int from = 0; from < units; from += blockSize) {
                task.accept(from, UnitMajorBlock.of(source.unitBlock(from, Math.min(units, from + blockSize))));
            }
            return;
        }
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "unit-block-reader");
            thread.setDaemon(true);
            return thread;
        });
        Future<UnitMajorBlock> next = reader.submit(() -> UnitMajorBlock.of(source.unitBlock(0, blockSize)));
        try {
            for (int from = 0; from < units; from += blockSize) {
                UnitMajorBlock block = Parallel.join(next, "reading a block of units");
                int after = from + blockSize;
                // The previous block is no longer referenced: only this one and the one being read are held.
                next = after < units ? reader.submit(() -> UnitMajorBlock.of(source.unitBlock(after,
                        Math.min(units, after + blockSize)))) : null;
                task.accept(from, block);
            }
        } finally {
            // Never interrupt a read (it would close the spill file's channel); a pending one is one block, so wait.
            reader.shutdown();
            if (next != null) {
                try {
                    next.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // the caller's own failure is the one to report
                }
            }
        }
    }
}
