package org.prunedistill.idestimator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the id-estimator: its own analysis settings (store, Kafka and retry settings are shared). */
@ConfigMapping(prefix = "pd.id")
public interface IdEstimatorConfig {

    /** Fraction of the sorted TwoNN ratios kept by the linear fit (SCIENCE.md 3.2). */
    @WithDefault("0.9")
    double fraction();

    /** Significance level of the TwoNN maximum-likelihood confidence interval. */
    @WithDefault("0.05")
    double alpha();

    /** Largest GRIDE order n2 of the multiscale analysis (SCIENCE.md 3.5). */
    @WithDefault("64")
    int grideRange();

    /** Cumulative explained variance that PC-ID counts components up to (SCIENCE.md 3.6). */
    @WithDefault("0.9")
    double pcaThreshold();
}
