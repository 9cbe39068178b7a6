package org.prunedistill.id;

/**
 * The TwoNN statistics shared by the linear fit and the maximum likelihood: log mu_i = log(r2(i) / r1(i))
 * (Facco et al. 2017, Sci Rep 7:12140) and the per-point scale (r1 + r2) / 2.
 */
final class TwoNnRatios {

    private TwoNnRatios() {
    }

    /**
     * log(r2 / r1) for every point; 0 when r1 == r2.
     *
     * @throws IllegalArgumentException if k < 2 or some r1 is 0 (duplicate rows were not removed)
     */
    static double[] logRatios(Neighbourhoods neighbourhoods) {
        if (neighbourhoods == null) {
            throw new IllegalArgumentException("neighbourhoods must not be null");
        }
        if (neighbourhoods.k() < 2) {
            throw new IllegalArgumentException(
                    "neighbourhoods: TwoNN needs k >= 2 neighbours per point, got k = " + neighbourhoods.k());
        }
        double[][] distances = neighbourhoods.distances();
        double[] logMu = new double[distances.length];
        for (int i = 0; i < distances.length; i++) {
            double r1 = distances[i][0];
            if (r1 == 0.0) {
                throw new IllegalArgumentException("neighbourhoods: point " + i + " has a zero nearest-neighbour "
                        + "distance (duplicate rows); compute them with NearestNeighbours, which removes duplicates");
            }
            logMu[i] = Math.log(distances[i][1] / r1);
        }
        return logMu;
    }

    /** (r1 + r2) / 2 of point i. */
    static double scale(Neighbourhoods neighbourhoods, int i) {
        double[] row = neighbourhoods.distances()[i];
        return 0.5 * (row[0] + row[1]);
    }
}
