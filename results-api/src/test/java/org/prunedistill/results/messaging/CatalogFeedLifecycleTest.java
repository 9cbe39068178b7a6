package org.prunedistill.results.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc.RunServiceBlockingStub;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunFailed;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.messaging.Topic;
import org.prunedistill.results.CaughtUpResultsApi;
import org.prunedistill.testsupport.CraftedEvents;
import org.prunedistill.testsupport.EmbeddedStackResource;

/** The catalog's Kafka feed as wired in the application: records on the topics become what clients read. */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class CatalogFeedLifecycleTest extends CaughtUpResultsApi {

    @GrpcClient("results-api")
    RunServiceBlockingStub runs;

    @Test
    void aRunEventProducedToTheTopicShowsUpInGetRun() throws Exception {
        events.publish(event("feed-failed").setSubmitted(RunSubmitted.getDefaultInstance()).build());
        events.publish(event("feed-failed").setFailed(RunFailed.newBuilder().setReason("crafted failure")).build());

        Run run = await().atMost(DELIVERY).ignoreException(StatusRuntimeException.class)
                .until(() -> runs.getRun(GetRunRequest.newBuilder().setRunId("feed-failed").build()),
                        found -> found.getStatus() == RunStatus.RUN_STATUS_FAILED);
        assertEquals("crafted failure", run.getFailureReason());
    }

    @Test
    void anUndecodableRunEventIsDeadLetteredWithWhyAndWhere() throws Exception {
        ConsumerRecord<String, byte[]> dead = events.sendUndecodableAndAwaitDeadLetter(Topic.RUN_EVENTS,
                "feed-poisoned", DELIVERY);

        String reason = CraftedEvents.header(dead, "dead-letter-reason");
        assertTrue(reason.contains("not a valid protobuf event"), reason);
        assertEquals(Topic.RUN_EVENTS.topicName(), CraftedEvents.header(dead, "dead-letter-topic"));
        assertFalse(CraftedEvents.header(dead, "dead-letter-partition").isEmpty());
        assertFalse(CraftedEvents.header(dead, "dead-letter-offset").isEmpty());
    }

    private static RunEvent.Builder event(String runId) {
        return RunEvent.newBuilder().setRunId(runId).setTimestampMs(System.currentTimeMillis()).setProducer("test");
    }
}
