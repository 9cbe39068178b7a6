package org.prunedistill.messaging;

import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;

/** Where an analysis service's output goes; implementations wait until Kafka has acknowledged each record. */
public interface EventPublisher {

    void publishResult(AnalysisResult result);

    void publishRunEvent(RunEvent event);
}
