package org.prunedistill.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;

/**
 * A synthetic recording with a known answer: conditions are points of a 2-D stimulus space (u, v) in the unit
 * square, and each unit has a Gaussian tuning curve around a preferred point, so the mean responses lie on a curved
 * 2-D manifold in unit space (intrinsic dimension 2). Trials add Gaussian noise. The condition table makes u the
 * luminance (0..100%) and splits v into objects, so units carry information about both.
 *
 * <p>Files: responses {@code [units, conditions, trials]} float32 .npy and a JSON condition table.
 */
public final class SampleRecording {

    /** Intrinsic dimension of the manifold the condition means lie on. */
    public static final int TRUE_DIMENSION = 2;

    private static final double TUNING_WIDTH = 0.3;

    private SampleRecording() {
    }

    /** Paths of a written recording. */
    public record Files(Path responses, Path conditions) {
    }

    public static Files write(Path directory, int units, int conditions, int trials, int objects, double noise,
                              long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[conditions][2];
        for (double[] point : points) {
            point[0] = random.nextDouble();
            point[1] = random.nextDouble();
        }
        double[][] preferred = new double[units][2];
        for (double[] centre : preferred) {
            centre[0] = random.nextDouble(-0.2, 1.2);
            centre[1] = random.nextDouble(-0.2, 1.2);
        }
        float[] responses = new float[units * conditions * trials];
        for (int unit = 0; unit < units; unit++) {
            for (int c = 0; c < conditions; c++) {
                double du = points[c][0] - preferred[unit][0];
                double dv = points[c][1] - preferred[unit][1];
                double rate = Math.exp(-(du * du + dv * dv) / (2 * TUNING_WIDTH * TUNING_WIDTH));
                for (int t = 0; t < trials; t++) {
                    responses[(unit * conditions + c) * trials + t] = (float) (rate + noise * random.nextGaussian());
                }
            }
        }
        java.nio.file.Files.createDirectories(directory);
        Path responsesFile = directory.resolve("responses.npy");
        Npy.write(FloatTensor.ofFloats(responses, units, conditions, trials), responsesFile);
        Path conditionsFile = directory.resolve("conditions.json");
        java.nio.file.Files.writeString(conditionsFile, conditionTable(points, objects), StandardCharsets.UTF_8);
        return new Files(responsesFile, conditionsFile);
    }

    private static String conditionTable(double[][] points, int objects) {
        StringBuilder json = new StringBuilder("{\"conditions\":[\n");
        for (int c = 0; c < points.length; c++) {
            int object = Math.min(objects - 1, (int) (points[c][1] * objects));
            json.append(String.format(Locale.ROOT, "{\"index\":%d,\"object\":%d,\"object_name\":\"object-%d\","
                            + "\"axis\":\"luminance\",\"value\":%.4f,\"luminance\":%.4f,\"contrast\":%.4f}%s%n",
                    c, object, object, 100 * points[c][0], 100 * points[c][0], 50.0,
                    c < points.length - 1 ? "," : ""));
        }
        return json.append("]}\n").toString();
    }
}
