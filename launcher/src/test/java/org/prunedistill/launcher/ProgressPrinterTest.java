package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;

/** The progress line says what is under way: while analysing, an analyser's source, step and time left. */
class ProgressPrinterTest {

    private static final String HEARTBEAT = "information of /layer1/layer1.2/relu_2/Relu_output_0 (random) still "
            + "running after 1 min 3 s: fetching batches, 12 of 125, about 9 min 53 s left";

    @Test
    void whileAnalysingTheLineCarriesTheResultsSoFarAndTheLatestAnalyserWord() {
        Run run = Run.newBuilder().setStatus(RunStatus.RUN_STATUS_ANALYSING).setResults(9)
                .addSources(SourceStatus.getDefaultInstance()).addSources(SourceStatus.getDefaultInstance())
                .setProgress(HEARTBEAT).build();
        assertEquals("analysing: 9 results for 2 sources; " + HEARTBEAT, ProgressPrinter.line(run));
    }

    @Test
    void whileExtractingTheLineIsTheExtractorsMessageAndAtTheEndTheCount() {
        Run extracting = Run.newBuilder().setStatus(RunStatus.RUN_STATUS_EXTRACTING)
                .setProgress("random: 8/500 conditions through 8 layers").build();
        assertEquals("extracting: random: 8/500 conditions through 8 layers", ProgressPrinter.line(extracting));
        Run completed = Run.newBuilder().setStatus(RunStatus.RUN_STATUS_COMPLETED).setResults(16)
                .addSources(SourceStatus.getDefaultInstance()).setProgress(HEARTBEAT).build();
        assertEquals("completed: 16 results for 1 sources", ProgressPrinter.line(completed));
    }
}
