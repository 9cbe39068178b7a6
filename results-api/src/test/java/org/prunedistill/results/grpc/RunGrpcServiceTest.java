package org.prunedistill.results.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc.RunServiceBlockingStub;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SubmitRunRequest;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.Topic;
import org.prunedistill.results.CaughtUpResultsApi;
import org.prunedistill.testsupport.EmbeddedStackResource;

/** RunService as a gRPC client sees it, on the embedded Kafka and S3 server. */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class RunGrpcServiceTest extends CaughtUpResultsApi {

    @GrpcClient("results-api")
    RunServiceBlockingStub runs;

    @Test
    void aValidSubmissionIsAcceptedAndPublishedKeyedByItsRunId() {
        Run run = runs.submitRun(SubmitRunRequest.newBuilder().setRunId("grpc-valid").setSpec(recordingSpec()).build());

        assertEquals(RunStatus.RUN_STATUS_SUBMITTED, run.getStatus());
        RunEvent published = EventCodec.parse(RunEvent.parser(), events.awaitRecord(Topic.RUN_EVENTS,
                record -> "grpc-valid".equals(record.key()), DELIVERY).value(), Topic.RUN_EVENTS.topicName());
        assertEquals(recordingSpec(), published.getSubmitted().getSpec());
    }

    @Test
    void aSubmissionWithAnInvalidCheckpointNameIsAnInvalidArgumentNamingTheField() {
        RunSpec spec = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                .addCheckpoints("trained").addCheckpoints("not ok")).build();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> runs.submitRun(
                SubmitRunRequest.newBuilder().setRunId("grpc-bad-checkpoint").setSpec(spec).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("models[0].checkpoints[1] 'not ok'"),
                refused.getStatus().getDescription());
    }

    @Test
    void aSubmissionWithAnInvalidRunIdIsAnInvalidArgumentNamingTheField() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> runs.submitRun(
                SubmitRunRequest.newBuilder().setRunId("no spaces allowed").setSpec(recordingSpec()).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("run_id 'no spaces allowed'"),
                refused.getStatus().getDescription());
    }

    @Test
    void anUnknownRunIsNotFoundOnceCaughtUp() {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> runs.getRun(GetRunRequest.newBuilder().setRunId("grpc-no-such-run").build()));

        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        assertTrue(missing.getStatus().getDescription().contains("grpc-no-such-run"),
                missing.getStatus().getDescription());
    }

    private static RunSpec recordingSpec() {
        return RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri("file:///recordings/v1.npy").setConditionsUri("file:///recordings/v1.json")).build();
    }
}
