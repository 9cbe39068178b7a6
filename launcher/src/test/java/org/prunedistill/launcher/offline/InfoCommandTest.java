package org.prunedistill.launcher.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import picocli.CommandLine;

class InfoCommandTest {

    /** The reference values of test-support/reference/info, relative to the launcher module. */
    private static final Path REFERENCE = Path.of("../test-support/reference/info");
    /** Deterministic estimators agree with the float64 reference up to summation order. */
    private static final double EXACT = 1e-10;
    /** Resampled estimators: this many standard errors of the difference of two means (see the reference README). */
    private static final double STANDARD_ERRORS = 4.0;
    private static final int QE_PERMUTATIONS = 10;
    private static final int SHUFFLES = 20;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"bijection_S8_T16", "independent_exact_S4_T12", "bsc_exact_p0.1_T1000"})
    void reproducesTheReferenceValuesOfAnAlreadyBinnedCase(String name) throws IOException {
        String expected = referenceCase(name);
        int bins = (int) number(expected, "\"n_response_bins\": ");
        Run run = run("--responses", REFERENCE.resolve(name + "_r.npy").toString(),
                "--stimuli", REFERENCE.resolve(name + "_s.npy").toString(),
                "--binning", "none", "--bins", Integer.toString(bins), "--json");

        assertEquals(0, run.exit, run.err);
        assertEquals(number(expected, "\"I_plugin\": "), field(run.out, "plugin"), EXACT);
        assertEquals(number(expected, "\"I_pt_bayes\": "), field(run.out, "pt"), EXACT);
        double[] qe = meanAndSd(expected, "I_qe_pyent_random");
        assertEquals(qe[0], field(run.out, "qe"),
                STANDARD_ERRORS * qe[1] * Math.sqrt(1.0 / QE_PERMUTATIONS + 1.0 / qe[2]) + EXACT);
        double[] shuffled = meanAndSd(expected, "I_shuffled_plugin");
        assertEquals(number(expected, "\"I_shuffle_sub\": "), field(run.out, "shuffle_subtracted"),
                STANDARD_ERRORS * shuffled[1] * Math.sqrt(1.0 / SHUFFLES + 1.0 / shuffled[2]) + EXACT);
        int n = (int) number(expected, "\"N\": ");
        assertTrue(run.out.contains("\"trials\": " + n), run.out);
    }

    @Test
    void reportsEveryUnitOfATrialsByUnitsMatrixWithBinCountsAndPValues() throws IOException {
        float[] data = new float[60 * 2];
        float[] stimuli = new float[60];
        for (int t = 0; t < 60; t++) {
            stimuli[t] = t % 3;
            data[2 * t] = t % 3;          // unit 0: a copy of the stimulus
            data[2 * t + 1] = (t / 3) % 3; // unit 1: unrelated to it
        }
        Run run = run("--responses", write("r.npy", data, 60, 2), "--stimuli", write("s.npy", stimuli, 60),
                "--json", "--permutations", "50");

        assertEquals(0, run.exit, run.err);
        assertEquals(2, count(run.out, "\"unit\": "));
        assertEquals(Math.log(3) / Math.log(2), field(run.out, "plugin"), EXACT);
        assertTrue(run.out.contains("\"bins\": [20, 20, 20]"), run.out);
        assertEquals(1.0 / 51, field(run.out, "p_value"), EXACT);
    }

    @Test
    void warnsThatOneTrialPerStimulusGivesEveryPValueOne() throws IOException {
        float[] data = new float[12];
        float[] stimuli = new float[12];
        for (int t = 0; t < 12; t++) {
            stimuli[t] = t;
            data[t] = t % 4;
        }
        Run run = run("--responses", write("r.npy", data, 12), "--stimuli", write("s.npy", stimuli, 12), "--json");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.err.startsWith("pd info: warning: one trial per stimulus"), run.err);
        assertEquals(1.0, field(run.out, "p_value"), EXACT);
        Run twoTrials = run("--responses", write("r2.npy", data, 12), "--stimuli",
                write("s2.npy", new float[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, 12), "--json");
        assertEquals("", twoTrials.err);
    }

    @Test
    void printsAReadableTableWithoutJson() throws IOException {
        Run run = run("--responses", REFERENCE.resolve("bijection_S8_T16_r.npy").toString(),
                "--stimuli", REFERENCE.resolve("bijection_S8_T16_s.npy").toString(), "--binning", "none",
                "--bins", "8");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.contains("plugin"), run.out);
        assertTrue(run.out.contains("3.0000"), run.out);
    }

    @Test
    void refusesResponsesAndStimuliOfDifferentLengths() throws IOException {
        assertFails("holds 5 trials", write("r.npy", new float[] {0, 1, 2, 0, 1}, 5),
                write("s.npy", new float[] {0, 1, 0, 1}, 4));
    }

    @Test
    void refusesANanAndSaysWhere() throws IOException {
        assertFails("NaN at trial 2, unit 1", write("r.npy", new float[] {0, 1, 2, 3, 4, Float.NaN, 6, 7}, 4, 2),
                write("s.npy", new float[] {0, 1, 0, 1}, 4));
    }

    @Test
    void refusesFewerTrialsThanBins() throws IOException {
        assertFails("2 trials, fewer than --bins 3", write("r.npy", new float[] {0, 1}, 2),
                write("s.npy", new float[] {0, 1}, 2));
    }

    @Test
    void refusesASingleStimulus() throws IOException {
        assertFails("need at least two stimuli", write("r.npy", new float[] {0, 1, 2, 3}, 4),
                write("s.npy", new float[] {2, 2, 2, 2}, 4));
    }

    @Test
    void refusesNonIntegerStimulusLabels() throws IOException {
        assertFails("stimulus label 0.5 at trial 1 is not a non-negative integer",
                write("r.npy", new float[] {0, 1, 2, 3}, 4), write("s.npy", new float[] {0, 0.5f, 1, 1}, 4));
    }

    @Test
    void refusesResponsesThatAreNotBinLabelsWithBinningNone() throws IOException {
        assertFails("response 3.0 at trial 3 is not a bin label in 0..2",
                write("r.npy", new float[] {0, 1, 2, 3}, 4), write("s.npy", new float[] {0, 0, 1, 1}, 4),
                "--binning", "none");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path whole = Path.of(write("r.npy", new float[] {0, 1, 2, 3}, 4));
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(directory.resolve("truncated.npy"), Arrays.copyOf(bytes, bytes.length - 3));
        assertFails("truncated data", truncated.toString(), write("s.npy", new float[] {0, 0, 1, 1}, 4));
    }

    @Test
    void refusesAFileThatIsNotNpy() throws IOException {
        Path text = Files.writeString(directory.resolve("r.npy"), "trial,response\n0,1.5\n1,2.5\n");
        assertFails("not a .npy file", text.toString(), write("s.npy", new float[] {0, 0, 1, 1}, 4));
    }

    @Test
    void refusesAMissingFile() throws IOException {
        assertFails("no such file", directory.resolve("absent.npy").toString(),
                write("s.npy", new float[] {0, 0, 1, 1}, 4));
    }

    private void assertFails(String message, String responses, String stimuli, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "--responses";
        args[1] = responses;
        args[2] = "--stimuli";
        args[3] = stimuli;
        System.arraycopy(extra, 0, args, 4, extra.length);
        Run run = run(args);
        assertEquals(1, run.exit, run.out);
        assertTrue(run.err.startsWith("pd info: ") && run.err.contains(message), run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertEquals("", run.out);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new InfoCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String write(String name, float[] data, int... shape) {
        Path file = directory.resolve(name);
        Npy.write(new FloatTensor(shape, data, "<f4"), file);
        return file.toString();
    }

    private static String referenceCase(String name) throws IOException {
        String json = Files.readString(REFERENCE.resolve("analytic_expected.json"));
        int start = json.indexOf("\"" + name + "\"");
        assertTrue(start >= 0, name);
        return json.substring(start);
    }

    /** The first number after {@code key} (the reference JSON lists each key once per case, cases in order). */
    private static double number(String text, String key) {
        Matcher matcher = Pattern.compile(Pattern.quote(key) + "(-?[0-9.eE+-]+)").matcher(text);
        assertTrue(matcher.find(), key);
        return Double.parseDouble(matcher.group(1));
    }

    private static double[] meanAndSd(String text, String key) {
        String block = text.substring(text.indexOf("\"" + key + "\""));
        return new double[] {number(block, "\"mean\": "), number(block, "\"sd\": "), number(block, "\"reps\": ")};
    }

    /** The value of {@code key} for the first unit of the command's JSON. */
    private static double field(String json, String key) {
        return number(json, "\"" + key + "\": ");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
