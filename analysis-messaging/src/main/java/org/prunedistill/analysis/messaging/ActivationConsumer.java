package org.prunedistill.analysis.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.messaging.ActivationEventHandler;
import org.prunedistill.messaging.SourceAnalysis;

/**
 * Consumes {@code pd.activations} for the service's {@link SourceAnalysis}. Records are handled one at a time, in
 * order, on a worker thread; a record the handler rejects (whatever it threw, an {@link Error} included) fails its run
 * and is nacked, landing in {@code pd.activations.dlq} with the reason in its headers. A long analysis reports
 * "still running" progress every {@code pd.progress.heartbeat-interval}; nothing limits how long it may take. A replay
 * instance ({@code pd.replay.runs}) skips the records of runs it was not asked for.
 */
@ApplicationScoped
public class ActivationConsumer {

    private static final Logger LOG = Logger.getLogger(ActivationConsumer.class);

    @Inject
    ObjectStore store;

    @Inject
    SourceAnalysis analysis;

    @Inject
    KafkaEventPublisher publisher;

    @Inject
    MeterRegistry registry;

    /** Most units a batch or source may claim; more, and the batch is dead-lettered. */
    @ConfigProperty(name = "pd.limits.max-units", defaultValue = "" + ActivationEventHandler.DEFAULT_MAX_UNITS)
    int maxUnits;

    /** Time between two "still running" progress events of one source's analysis. */
    @ConfigProperty(name = "pd.progress.heartbeat-interval", defaultValue = "30s")
    Duration heartbeatInterval;

    @ConfigProperty(name = "quarkus.application.name")
    String producer;

    /** A replay's runs (see {@link ReplayFilter}); absent for the normal service, which analyses every run. */
    @ConfigProperty(name = "pd.replay.runs")
    Optional<List<String>> replayRuns;

    private ActivationEventHandler handler;
    private ReplayFilter runs;

    @PostConstruct
    void createHandler() {
        handler = new ActivationEventHandler(producer, store, new MeasuredAnalysis(analysis, registry), publisher,
                Path.of(System.getProperty("java.io.tmpdir")), maxUnits, heartbeatInterval);
        runs = replayRuns.map(ReplayFilter::of).orElse(ReplayFilter.ALL);
        if (runs != ReplayFilter.ALL) {
            LOG.infof("replay: analysing %s of pd.activations, skipping the records of other runs", runs);
        }
    }

    @Incoming("activations")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (!runs.accepts(record.key())) {
            return;
        }
        // The key starts with the run id: logs of this record carry it (run=... in the log format).
        MDC.put("runId", ReplayFilter.runIdOf(record.key()));
        try {
            handler.handle(record.key(), record.value(),
                    record.topic() + "[" + record.partition() + "]@" + record.offset());
        } finally {
            MDC.remove("runId");
        }
    }
}
