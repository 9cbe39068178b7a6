package org.prunedistill.infodecoder.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.info.analysis.InformationAnalysis;
import org.prunedistill.info.analysis.StepTimer;
import org.prunedistill.info.analysis.domain.InformationSettings;

/** The core's use case as a bean: configured by the service's settings, each step timed as an estimator metric. */
public class InformationAnalysisProducer {

    @Produces
    @Singleton
    InformationAnalysis analysis(InformationSettings settings, EstimatorTimer timer) {
        return new InformationAnalysis(settings, timed(timer));
    }

    /** The analysis's steps as {@code pd_estimator_seconds} timers tagged {@code analysis=information}. */
    public static StepTimer timed(EstimatorTimer timer) {
        return (step, nanos) -> timer.record(InformationAnalysis.NAME, step, nanos);
    }
}
