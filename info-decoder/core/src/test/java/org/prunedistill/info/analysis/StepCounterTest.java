package org.prunedistill.info.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StepCounterTest {

    @Test
    void reportsEveryCountOnceInOrderWhateverTheThreads() {
        int items = 20_000;
        List<String> reports = new ArrayList<>();
        // Not synchronised: the counter's lock alone must order the reports (and make them visible to this thread).
        StepCounter counter = new StepCounter((step, done, total) -> reports.add(step + " " + done + "/" + total),
                "decoding", items);
        IntStream.range(0, items).parallel().forEach(item -> counter.oneDone());
        List<String> expected = LongStream.rangeClosed(0, items).mapToObj(done -> "decoding " + done + "/" + items)
                .toList();
        assertEquals(expected, reports);
    }
}
