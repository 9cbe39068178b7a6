package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class PdTest {

    @Test
    void anUnreachableResultsApiSaysHowToStartIt() {
        String message = Pd.explain(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
        assertTrue(message.startsWith("cannot reach results-api (UNAVAILABLE: io exception): is the system up?"),
                message);
        assertTrue(message.contains("'./pd up'"), message);
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        assertEquals("--set takes key=value, got 'x'",
                Pd.explain(new IllegalArgumentException("--set takes key=value, got 'x'")));
        assertEquals("NOT_FOUND: no run 'r'", Pd.explain(Status.NOT_FOUND.withDescription("no run 'r'")
                .asRuntimeException()));
    }
}
