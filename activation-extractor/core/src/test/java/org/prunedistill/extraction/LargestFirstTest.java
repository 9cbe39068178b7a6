package org.prunedistill.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LargestFirstTest {

    @Test
    void resultsComeInTheItemsOrderAndEveryTaskRunsOnce() {
        List<Integer> items = IntStream.range(0, 50).map(i -> (i * 37) % 50).boxed().toList();
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        AtomicInteger runs = new AtomicInteger();
        List<String> results = LargestFirst.map(items, Integer::longValue, item -> {
            runs.incrementAndGet();
            ran.add(item);
            return "item " + item;
        });
        assertEquals(items.stream().map(item -> "item " + item).toList(), results);
        assertEquals(50, runs.get());
        assertEquals(50, ran.size());
    }

    @Test
    void theLargestItemsStartFirst() {
        // Start order is the descending size order: each task records when it started, and the first started are the
        // largest (with several threads, the k-th start is among the k + threads - 1 largest).
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        LargestFirst.map(items, Integer::longValue, item -> started.add(item));
        int threads = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1;
        for (int k = 0; k < started.size(); k++) {
            assertTrue(started.get(k) >= 39 - (k + threads - 1), "start " + k + " was item " + started.get(k));
        }
    }

    @Test
    void aFailingTaskFailsTheCallWithItsOwnException() {
        IllegalStateException broken = new IllegalStateException("layer 3 could not be stored");
        List<Integer> items = IntStream.range(0, 8).boxed().toList();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> LargestFirst.map(items, Integer::longValue, item -> {
                    if (item == 3) {
                        throw broken;
                    }
                    return item;
                }));
        assertSame(broken, thrown);
    }

    @Test
    void noItemsGiveNoResults() {
        assertEquals(List.of(), LargestFirst.map(List.<Integer>of(), Integer::longValue, item -> item));
    }
}
