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

    /** picocli prints a warning instead of a description it cannot format (a stray {@code %d}, say). */
    @Test
    void everyCommandsHelpFormatsWithoutAWarning() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        StringBuilder usages = new StringBuilder();
        System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            picocli.CommandLine pd = Pd.commandLine();
            usages.append(pd.getUsageMessage());
            pd.getSubcommands().values().forEach(command -> usages.append(command.getUsageMessage()));
        } finally {
            System.setErr(err);
        }
        String warnings = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("", warnings, "picocli complained while formatting the help");
        assertTrue(usages.toString().contains("images (conditions), 10 views of each object"),
                "bench-full-size --help names its views");
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        assertEquals("--set takes key=value, got 'x'",
                Pd.explain(new IllegalArgumentException("--set takes key=value, got 'x'")));
        assertEquals("NOT_FOUND: no run 'r'", Pd.explain(Status.NOT_FOUND.withDescription("no run 'r'")
                .asRuntimeException()));
    }

    @Test
    void aMissingOrUnreadableFileIsNamedAsSuch() {
        // Java's own messages for these are the bare path
        assertEquals("no such file: /data/model.onnx",
                Pd.explain(new java.nio.file.NoSuchFileException("/data/model.onnx")));
        assertEquals("permission denied: /data/model.onnx",
                Pd.explain(new java.nio.file.AccessDeniedException("/data/model.onnx")));
        assertEquals("java.lang.IllegalStateException", Pd.explain(new IllegalStateException()),
                "a failure without a message is named by its class");
    }
}
