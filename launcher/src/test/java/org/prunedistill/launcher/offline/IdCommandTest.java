package org.prunedistill.launcher.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import picocli.CommandLine;

class IdCommandTest {

    /** DADApy's test data (test-support/reference/id), relative to the module directory (surefire's working directory). */
    static final Path DADAPY_TWO_GAUSSIANS = Path.of("../test-support/reference/id/dadapy_2gaussians_in_2d.npy");
    /** DADApy d9038b3 values on that file (test-support/reference/id/README.md). */
    static final double DADAPY_TWONN = 1.8549132954537622;
    static final double DADAPY_TWONN_MLE = 2.000755298671753;
    static final double[] DADAPY_GRIDE_IDS = {2.00075528198012, 2.0321370960725176, 1.9118332735545407,
        2.0005572597157153, 1.674724196479219, 0.7208205644709815};
    static final double[] DADAPY_GRIDE_ERRORS = {0.20007552819801203, 0.14664294675707626, 0.09766772138442108,
        0.07223903339410027, 0.04275822635946105, 0.013014157589887016};
    static final double[] DADAPY_GRIDE_SCALES = {0.39476585274620596, 0.5674050664447299, 0.8013954468632573,
        1.1345740849601973, 1.6477687839932462, 3.5726393754646915};
    /** Relative: the command rounds the float64 reference data to float32. */
    static final double REFERENCE_TOLERANCE = 1e-5;

    @TempDir
    Path directory;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new IdCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static double number(String json, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\": (-?[0-9.eE+-]+)").matcher(json);
        assertTrue(matcher.find(), key + " in " + json);
        return Double.parseDouble(matcher.group(1));
    }

    static double[] column(String json, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\": (-?[0-9.eE+-]+)").matcher(
                json.substring(json.indexOf("\"gride\"")));
        return matcher.results().mapToDouble(result -> Double.parseDouble(result.group(1))).toArray();
    }

    static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, REFERENCE_TOLERANCE * Math.abs(expected), what);
    }

    @Test
    void printsDadapysValuesAsJsonForTheReferenceFile() {
        Run run = run(DADAPY_TWO_GAUSSIANS.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        String json = run.out();
        assertEquals(100, number(json, "n"));
        assertEquals(2, number(json, "d"));
        assertEquals(0, number(json, "duplicates_removed"));
        assertRelative(DADAPY_TWONN, number(json, "id"), "twonn");
        assertEquals(90, number(json, "points_used"));
        assertEquals(0.9, number(json, "fraction"));
        String mle = json.substring(json.indexOf("\"twonn_mle\""));
        assertRelative(DADAPY_TWONN_MLE, number(mle, "id"), "twonn_mle");
        assertTrue(number(mle, "ci_low") < DADAPY_TWONN_MLE && number(mle, "ci_high") > DADAPY_TWONN_MLE);
        String gride = json.substring(json.indexOf("\"gride\""), json.indexOf("\"decimation\""));
        double[] ids = column(gride, "id");
        double[] errors = column(gride, "error");
        double[] scales = column(gride, "scale");
        assertEquals(6, errors.length);
        for (int i = 0; i < 6; i++) {
            assertRelative(DADAPY_GRIDE_IDS[i], ids[i], "gride id " + i);
            assertRelative(DADAPY_GRIDE_ERRORS[i], errors[i], "gride error " + i);
            assertRelative(DADAPY_GRIDE_SCALES[i], scales[i], "gride scale " + i);
        }
        assertEquals(2, number(json, "pca90"));
        assertTrue(number(json, "participation_ratio") >= 1.0);
    }

    @Test
    void printsATableWithoutJsonAndSkipsWhatIsSwitchedOff() {
        Run run = run(DADAPY_TWO_GAUSSIANS.toString(), "--no-gride", "--no-pca");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("TwoNN MLE"), run.out());
        assertFalse(run.out().contains("GRIDE"), run.out());
        Run json = run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--no-gride", "--no-pca", "--alpha", "0.1",
                "--subsamples", "0", "--no-decimation");
        assertTrue(json.out().contains("\"gride\": []"), json.out());
        assertTrue(json.out().contains("\"pca90\": null"), json.out());
        assertEquals(2, number(json.out(), "neighbours"));
    }

    @Test
    void subsamplesGiveAnErrorBarAroundTheFullEstimateAndAreSeeded() {
        Run run = run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--subsamples", "20", "--seed", "3");
        assertEquals(0, run.exit(), run.err());
        String subsampled = run.out().substring(run.out().indexOf("\"twonn_subsampled\""));
        assertEquals(20, number(subsampled, "repetitions"));
        assertEquals(90, number(subsampled, "sample_size"));
        double error = number(subsampled, "error");
        assertTrue(error > 0 && error < 0.5, "SD over subsamples " + error);
        assertEquals(DADAPY_TWONN, number(subsampled, "id"), 3 * error, "the mean lies near the full estimate");
        assertEquals(run.out(), run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--subsamples", "20", "--seed", "3")
                .out(), "same seed, same subsamples");
        assertTrue(run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--subsamples", "0").out()
                .contains("\"twonn_subsampled\": null"));
    }

    @Test
    void printsTheDecimationScalingLargestSubsetsFirst() {
        Run run = run(DADAPY_TWO_GAUSSIANS.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        String decimation = run.out().substring(run.out().indexOf("\"decimation\""));
        String twoNn = run.out().substring(run.out().indexOf("\"twonn\""));
        assertTrue(decimation.startsWith("\"decimation\": [\n    {\"size\": 100, \"subsets\": 1, \"id\": "
                + number(twoNn, "id") + ", \"error\": 0.0,"), "the whole set is the full TwoNN fit: " + decimation);
        assertTrue(decimation.contains("{\"size\": 12, \"subsets\": 8,"), decimation);
        assertTrue(run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--no-decimation").out()
                .contains("\"decimation\": [],"));
    }

    @Test
    void everyNeighbourSearchPrintsTheSameNumbers() {
        String java = run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--neighbour-search", "java").out();
        String nd4j = run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--neighbour-search", "nd4j").out();
        assertTrue(java.contains("\"neighbour_search\": \"java\""), java);
        assertEquals(java.replace("\"java\"", "\"nd4j\""), nd4j);
        assertRefused(run(DADAPY_TWO_GAUSSIANS.toString(), "--neighbour-search", "gpu"), "--neighbour-search");
    }

    @Test
    void refusesANegativeSubsampleCount() {
        assertRefused(run(DADAPY_TWO_GAUSSIANS.toString(), "--subsamples", "-1"), "--subsamples");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(DADAPY_TWO_GAUSSIANS);
        Path truncated = directory.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 40));
        assertRefused(run(truncated.toString()), "truncated.npy");
    }

    @Test
    void readsTheSameArrayFromANpzNumpyWroteCompressedAndInFortranOrder() throws Exception {
        Path archive = directory.resolve("points.npz");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", "import sys, numpy as np; "
                + "x = np.load(sys.argv[1]); np.savez_compressed(sys.argv[2], points=np.asfortranarray(x), "
                + "labels=np.arange(len(x)))", DADAPY_TWO_GAUSSIANS.toString(), archive.toString())
                .redirectErrorStream(true).start();
        String said = new String(python.getInputStream().readAllBytes());
        assertEquals(0, python.waitFor(), said);
        String expected = run(DADAPY_TWO_GAUSSIANS.toString(), "--json", "--no-gride").out();
        String fromArchive = run(archive + ":points", "--json", "--no-gride").out();
        assertTrue(fromArchive.contains("\"file\": \"" + archive + ":points\""), fromArchive);
        assertEquals(withoutFile(expected), withoutFile(fromArchive), "the same numbers");
        assertRefused(run(archive.toString()), "holds 2 arrays (points, labels); name one as " + archive
                + ":NAME");
        assertRefused(run(archive + ":weights"), "has no member 'weights'; members present: points, labels");
    }

    @Test
    void refusesAFileThatIsNotNpy() throws IOException {
        Path text = directory.resolve("text.npy");
        Files.writeString(text, "not an array");
        assertRefused(run(text.toString()), "text.npy");
        assertRefused(run(directory.resolve("missing.npy").toString()), "no such file");
    }

    @Test
    void namesTheRowAndColumnOfANonFiniteValue() {
        float[] data = new float[30];
        Arrays.fill(data, 1.0f);
        data[2 * 3 + 1] = Float.NaN;
        data[25] = Float.POSITIVE_INFINITY;
        Path file = write("nan.npy", new int[] {10, 3}, data);
        Run run = run(file.toString());
        assertRefused(run, "NaN at row 2, column 1");
    }

    @Test
    void refusesFewerThanThreePointsAndOneDimensionalArrays() {
        assertRefused(run(write("two.npy", new int[] {2, 4}, new float[8]).toString()), "need at least 3");
        assertRefused(run(write("vector.npy", new int[] {10}, new float[10]).toString()), "2-D array");
    }

    @Test
    void refusesTooFewDistinctPoints() {
        Run run = run(write("same.npy", new int[] {5, 2}, new float[10]).toString());
        assertRefused(run, "distinct");
    }

    @Test
    void refusesOptionValuesOutOfRange() {
        assertRefused(run(DADAPY_TWO_GAUSSIANS.toString(), "--fraction", "1.5"), "--fraction");
        assertRefused(run(DADAPY_TWO_GAUSSIANS.toString(), "--gride-range", "1"), "--gride-range");
        assertEquals(2, run(DADAPY_TWO_GAUSSIANS.toString(), "--alpha", "x").exit(), "usage error");
    }

    @Test
    void documentsEveryOptionInItsHelp() {
        Run run = run("--help");
        assertEquals(0, run.exit());
        for (String option : new String[] {"--fraction", "--alpha", "--gride-range", "--pca-threshold", "--no-twonn",
            "--no-mle", "--no-gride", "--no-pca", "--json"}) {
            assertTrue(run.out().contains(option), option);
        }
    }

    private Path write(String name, int[] shape, float[] data) {
        Path file = directory.resolve(name);
        Npy.write(new FloatTensor(shape, data, "<f4"), file);
        return file;
    }

    private static String withoutFile(String json) {
        return json.lines().filter(line -> !line.strip().startsWith("\"file\"")).toList().toString();
    }

    private static void assertRefused(Run run, String message) {
        assertNotEquals(0, run.exit(), "exit code");
        assertTrue(run.err().startsWith("pd id: ") && run.err().contains(message), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertEquals("", run.out());
    }
}
