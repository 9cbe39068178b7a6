package org.prunedistill.launcher;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./pd} command. */
@Command(name = "pd", mixinStandardHelpOptions = true, version = "prune-distill 0.1.0",
        description = {"prune-distill: intrinsic dimension and single-unit information along CNN layers and "
                + "visual cortex areas, as event-driven services on Kafka and S3.", ""},
        subcommands = {UpCommand.class, RunCommand.class, DemoCommand.class, ReplayCommand.class, org.prunedistill.launcher.bench.ClaimCheckBenchmarkCommand.class, org.prunedistill.launcher.bench.ExtractionBenchmarkCommand.class, org.prunedistill.launcher.bench.ScaleOutBenchmarkCommand.class, org.prunedistill.launcher.bench.FullSizeBenchmarkCommand.class, org.prunedistill.launcher.bench.LoadBenchmarkCommand.class, org.prunedistill.launcher.bench.RestartBenchmarkCommand.class, TrainCnnCommand.class, org.prunedistill.launcher.offline.InfoCommand.class, org.prunedistill.launcher.offline.IdCommand.class, org.prunedistill.launcher.offline.LayersCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run './pd COMMAND --help' for the options of a command."})
public final class Pd implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line of {@code ./pd}: a failure is printed as the user should read it, with exit code 1. */
    public static CommandLine commandLine() {
        return new CommandLine(new Pd())
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    command.getErr().println("pd: " + explain(failure));
                    return 1;
                });
    }

    /** A failure as a user reads it: an unreachable results-api says what to do about it. */
    static String explain(Exception failure) {
        if (failure instanceof io.grpc.StatusRuntimeException status && RunClient.catchingUp(status)) {
            return "results-api was still catching up with its log after " + RunClient.CATCH_UP_WAIT.toMinutes()
                    + " minutes (" + status.getStatus().getDescription() + "): try again later";
        }
        if (failure instanceof io.grpc.StatusRuntimeException status
                && status.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
            return "cannot reach results-api (" + failure.getMessage() + "): is the system up? Start it with "
                    + "'./pd up' (or point --target at a running results-api)";
        }
        if (failure instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (failure instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The repository the launcher runs from (./pd passes it). */
    static Path repository() {
        return Path.of(System.getProperty("pd.home", ".")).toAbsolutePath().normalize();
    }
}
