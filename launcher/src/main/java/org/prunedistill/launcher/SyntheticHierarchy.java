package org.prunedistill.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;

/**
 * A synthetic hierarchy of recorded areas with known answers, shown the same conditions. Each condition is a point z
 * of a latent cube [0, 1]^D; coordinate 0 is the condition's luminance (0..100% in the table) and coordinate 1 cut
 * into equal slices its object. An area of dimension d responds linearly to d coordinates, through random Gaussian
 * weights, one row per unit: an area that sees luminance uses coordinates 0..d-1, the others 1..d. So its condition
 * means lie on a d-dimensional linear manifold (intrinsic dimension d); a unit's share of luminance is about 1/d of
 * its variance where the area sees it, none elsewhere. Trials add Gaussian noise.
 *
 * <p>Files: per area, responses {@code [units, conditions, trials]} float32 .npy; one JSON condition table.
 */
public final class SyntheticHierarchy {

    /** One area: its planted intrinsic dimension, its units, and whether its units respond to luminance. */
    public record Area(String name, int dimension, int units, boolean seesLuminance) {

        public Area {
            if (dimension < 1 || units < dimension) {
                throw new IllegalArgumentException("area " + name + ": dimension >= 1 and units >= dimension, got "
                        + dimension + ", " + units);
            }
        }
    }

    /**
     * Rat visual cortex as the paper sees it, planted: the ID rises from V1 to LI and falls at LL, luminance
     * information falls from V1 to LL; every area has its own number of units.
     */
    public static final List<Area> RAT_AREAS = List.of(new Area("V1", 3, 80, true), new Area("LM", 6, 100, true),
            new Area("LI", 8, 120, false), new Area("LL", 4, 60, false));

    private SyntheticHierarchy() {
    }

    /** Paths of a written hierarchy: each area's responses, in the order given, and the shared condition table. */
    public record Written(Map<String, Path> responses, Path conditions) {
    }

    public static Written write(Path directory, List<Area> areas, int conditions, int trials, int objects,
                                double noise, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int latent = 1 + areas.stream().mapToInt(Area::dimension).max().orElse(1);
        double[][] points = new double[conditions][latent];
        for (double[] point : points) {
            for (int j = 0; j < latent; j++) {
                point[j] = random.nextDouble();
            }
        }
        Files.createDirectories(directory);
        Map<String, Path> written = new LinkedHashMap<>();
        for (Area area : areas) {
            Path file = directory.resolve(area.name().toLowerCase(Locale.ROOT) + ".npy");
            Npy.write(responses(area, points, trials, noise, random), file);
            written.put(area.name(), file);
        }
        Path table = directory.resolve("conditions.json");
        Files.writeString(table, conditionTable(points, objects), StandardCharsets.UTF_8);
        return new Written(written, table);
    }

    private static FloatTensor responses(Area area, double[][] points, int trials, double noise,
                                      SplittableRandom random) {
        double[][] weights = new double[area.units()][area.dimension()];
        for (double[] row : weights) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        int conditions = points.length;
        float[] data = new float[area.units() * conditions * trials];
        for (int u = 0; u < area.units(); u++) {
            for (int c = 0; c < conditions; c++) {
                double rate = 0;
                for (int j = 0; j < area.dimension(); j++) {
                    rate += weights[u][j] * points[c][area.seesLuminance() ? j : j + 1];
                }
                for (int t = 0; t < trials; t++) {
                    data[(u * conditions + c) * trials + t] = (float) (rate + noise * random.nextGaussian());
                }
            }
        }
        return FloatTensor.ofFloats(data, area.units(), conditions, trials);
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
