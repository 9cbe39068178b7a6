package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnalyserScalingTest {

    /** A piece of a service's /q/metrics as Quarkus' Prometheus registry writes it. */
    private static final String EXPOSITION = """
            # HELP pd_analysis_seconds time to analyse one source
            # TYPE pd_analysis_seconds summary
            pd_analysis_seconds_count{analysis="intrinsic-dimension",outcome="success"} 7.0
            pd_analysis_seconds_sum{analysis="intrinsic-dimension",outcome="success"} 12.5
            pd_analysis_seconds_count{analysis="intrinsic-dimension",outcome="failure"} 2.0
            pd_analysis_seconds_max{analysis="intrinsic-dimension",outcome="success"} 3.0
            pd_analysis_seconds_count_other{outcome="success"} 100.0
            """;

    @Test
    void countsOnlyTheSuccessfulAnalysesOfTheNamedMetric() {
        assertEquals(7, AnalyserScaling.sumOf(EXPOSITION, "pd_analysis_seconds_count", "outcome=\"success\""));
        assertEquals(2, AnalyserScaling.sumOf(EXPOSITION, "pd_analysis_seconds_count", "outcome=\"failure\""));
    }

    @Test
    void sumsTheSecondsOfEveryOutcome() {
        assertEquals(12.5, AnalyserScaling.sumOf(EXPOSITION, "pd_analysis_seconds_sum", "outcome="), 1e-12);
    }

    @Test
    void anInstanceThatAnalysedNothingYetCountsZero() {
        assertEquals(0, AnalyserScaling.sumOf("# no analyses yet\n", "pd_analysis_seconds_count",
                "outcome=\"success\""));
    }
}
