package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.api.v1.FindInputRequest;
import org.prunedistill.api.v1.FindInputResponse;
import org.prunedistill.api.v1.InputServiceGrpc;
import org.prunedistill.api.v1.StoredInput;
import org.prunedistill.api.v1.UploadInputRequest;
import org.prunedistill.api.v1.UploadInputResponse;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;

/**
 * The upload client against a real gRPC server (Netty, free port) whose InputService keeps what it receives in memory
 * and checks each upload's size and digest as results-api does.
 */
class InputUploaderTest {

    private static final String BUCKET = "test-bucket";
    private static final int LARGER_THAN_TWO_CHUNKS = 2 * InputUploadCall.CHUNK_BYTES + 12_345;

    @TempDir
    Path directory;

    private final MemoryInputService service = new MemoryInputService();
    private Server server;
    private RunClient client;
    private final StringWriter progress = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(service).build()
                .start();
        client = new RunClient("127.0.0.1:" + server.getPort(), RunClient.Security.PLAINTEXT);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdownNow().awaitTermination(20, TimeUnit.SECONDS);
    }

    @Test
    void everyLocalFileOfASpecIsUploadedOnceAndNamedByItsUri() throws Exception {
        byte[] recording = bytes(1, LARGER_THAN_TWO_CHUNKS);
        Path v1 = write("v1.npy", recording);
        Path day1 = write("day1.npy", bytes(2, 100));
        Path conditions = write("conditions.json", "{\"conditions\": []}".getBytes());
        Path model = write("model.onnx", bytes(3, 500));
        Path metadata = write("metadata.csv", "id,file,object,axis,value\n".getBytes());
        Path images = Files.createDirectories(directory.resolve("images/sub"));
        Files.write(images.resolve("b.png"), bytes(4, 50));
        Files.write(images.getParent().resolve("a.png"), bytes(5, 60));
        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("user").setImagesUri(uri(images.getParent()))
                        .setMetadataUri(uri(metadata)))
                .addRecordings(RecordingSource.newBuilder().setArea("V1").setResponsesUri(uri(v1))
                        .setConditionsUri(uri(conditions)))
                .addRecordings(RecordingSource.newBuilder().setArea("LL").setConditionsUri(uri(conditions))
                        .addSessions(RecordingSession.newBuilder().setResponsesUri(uri(day1)).addConditionRows(0)))
                .addModels(ModelSource.newBuilder().setModel("m")
                        .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("trained").setUri(uri(model)))
                        .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("remote")
                                .setUri("s3://" + BUCKET + "/inputs/" + "0".repeat(64))))
                .build();

        InputUploader uploader = new InputUploader(client, new PrintWriter(progress, true));
        RunSpec uploaded = uploader.upload(spec);

        assertEquals(stored(recording), uploaded.getRecordings(0).getResponsesUri());
        assertEquals(stored(Files.readAllBytes(conditions)), uploaded.getRecordings(0).getConditionsUri());
        assertEquals(stored(Files.readAllBytes(conditions)), uploaded.getRecordings(1).getConditionsUri());
        assertEquals(stored(Files.readAllBytes(day1)), uploaded.getRecordings(1).getSessions(0).getResponsesUri());
        assertEquals(List.of(0), uploaded.getRecordings(1).getSessions(0).getConditionRowsList());
        assertEquals(stored(Files.readAllBytes(model)), uploaded.getModels(0).getOnnxCheckpoints(0).getUri());
        assertEquals("s3://" + BUCKET + "/inputs/" + "0".repeat(64), uploaded.getModels(0).getOnnxCheckpoints(1)
                .getUri(), "an s3:// URI stays as it is");
        assertEquals(stored(Files.readAllBytes(metadata)), uploaded.getStimuli().getMetadataUri());
        assertArrayEquals(recording, service.stored.get(Sha256.hex(recording)), "the bytes arrived as they are");
        assertEquals(6, uploader.uploads().size(), "six local inputs, the shared condition table once");
        assertEquals(6, service.uploadCalls.size());

        byte[] archive = service.stored.get(uploaded.getStimuli().getImagesUri().substring(("s3://" + BUCKET
                + "/inputs/").length()));
        Path zip = write("received.zip", archive);
        try (ZipFile received = new ZipFile(zip.toFile())) {
            assertEquals(List.of("a.png", "sub/b.png"), Collections.list(received.entries()).stream()
                    .map(java.util.zip.ZipEntry::getName).toList());
            assertArrayEquals(Files.readAllBytes(images.resolve("b.png")),
                    received.getInputStream(received.getEntry("sub/b.png")).readAllBytes());
        }
        assertTrue(progress.toString().contains("pd: uploaded v1.npy: 2.1 MB in "), progress.toString());
        assertTrue(progress.toString().contains("MB/s) as " + stored(recording)), progress.toString());
    }

    @Test
    void aSecondUploadOfTheSameSpecSendsNothing() throws Exception {
        Path v1 = write("v1.npy", bytes(6, LARGER_THAN_TWO_CHUNKS));
        Path images = Files.createDirectories(directory.resolve("images"));
        Files.write(images.resolve("a.png"), bytes(7, 70));
        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("user").setImagesUri(uri(images))
                        .setMetadataUri(uri(v1)))
                .addRecordings(RecordingSource.newBuilder().setArea("V1").setResponsesUri(uri(v1))
                        .setConditionsUri(uri(v1)))
                .build();
        RunSpec first = new InputUploader(client, new PrintWriter(progress, true)).upload(spec);
        int calls = service.uploadCalls.size();
        // The folder is archived again, to the same bytes: its key is the same.
        Files.setLastModifiedTime(images.resolve("a.png"), java.nio.file.attribute.FileTime.fromMillis(0));

        InputUploader again = new InputUploader(client, new PrintWriter(progress, true));
        RunSpec second = again.upload(spec);

        assertEquals(first, second);
        assertEquals(calls, service.uploadCalls.size(), "no upload call the second time");
        assertEquals(0, again.uploads().stream().mapToLong(InputUploader.Upload::bytesSent).sum());
        assertTrue(progress.toString().contains("pd: v1.npy is uploaded already (" + first.getRecordings(0)
                .getResponsesUri() + ")"), progress.toString());
    }

    @Test
    void aRefusedUploadFailsWithTheServersReasonAndAMissingFileNamesTheInput() throws Exception {
        service.refuseAbove = 10;
        Path large = write("large.npy", bytes(8, 11));
        RunSpec spec = RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri(uri(large)).setConditionsUri(uri(large))).build();
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> new InputUploader(client, new PrintWriter(progress, true)).upload(spec));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals("11 bytes is more than the store takes", refused.getStatus().getDescription());

        RunSpec missing = RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri(uri(directory.resolve("missing.npy"))).setConditionsUri(uri(large))).build();
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class,
                () -> new InputUploader(client, new PrintWriter(progress, true)).upload(missing));
        assertTrue(unreadable.getMessage().startsWith("area V1: cannot read " + directory.resolve("missing.npy")),
                unreadable.getMessage());
    }

    @Test
    void aFolderArchivesToTheSameBytesWhateverItsFilesTimes() throws Exception {
        Path images = Files.createDirectories(directory.resolve("folder"));
        Files.write(images.resolve("z.png"), bytes(9, 30));
        Files.write(images.resolve("a.png"), bytes(10, 40));
        Path first = directory.resolve("first.zip");
        FolderArchive.write(images, first);
        Files.setLastModifiedTime(images.resolve("a.png"), java.nio.file.attribute.FileTime.fromMillis(12345));
        Path second = directory.resolve("second.zip");
        FolderArchive.write(images, second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(directory.resolve(name), bytes);
    }

    private static String uri(Path path) {
        return path.toUri().toString();
    }

    private static String stored(byte[] bytes) {
        return "s3://" + BUCKET + "/inputs/" + Sha256.hex(bytes);
    }

    private static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Keeps uploads in memory; refuses a size above {@link #refuseAbove} at the header, as results-api does. */
    private static final class MemoryInputService extends InputServiceGrpc.InputServiceImplBase {

        final Map<String, byte[]> stored = new ConcurrentHashMap<>();
        final List<String> uploadCalls = Collections.synchronizedList(new ArrayList<>());
        volatile long refuseAbove = Long.MAX_VALUE;

        @Override
        public void findInput(FindInputRequest request, StreamObserver<FindInputResponse> response) {
            byte[] bytes = stored.get(request.getSha256());
            response.onNext(bytes == null ? FindInputResponse.getDefaultInstance() : FindInputResponse.newBuilder()
                    .setPresent(true).setInput(input(request.getSha256(), bytes.length)).build());
            response.onCompleted();
        }

        @Override
        public StreamObserver<UploadInputRequest> uploadInput(StreamObserver<UploadInputResponse> response) {
            return new StreamObserver<>() {
                private String sha256;
                private final ByteArrayOutputStream received = new ByteArrayOutputStream();
                private boolean refused;

                @Override
                public void onNext(UploadInputRequest message) {
                    if (refused) {
                        return;
                    }
                    if (message.hasHeader()) {
                        sha256 = message.getHeader().getSha256();
                        uploadCalls.add(message.getHeader().getName());
                        if (message.getHeader().getSize() > refuseAbove) {
                            refused = true;
                            response.onError(Status.INVALID_ARGUMENT.withDescription(message.getHeader().getSize()
                                    + " bytes is more than the store takes").asRuntimeException());
                        }
                    } else {
                        received.writeBytes(message.getChunk().toByteArray());
                    }
                }

                @Override
                public void onError(Throwable failure) {
                }

                @Override
                public void onCompleted() {
                    if (refused) {
                        return;
                    }
                    byte[] bytes = received.toByteArray();
                    if (!Sha256.hex(bytes).equals(sha256)) {
                        response.onError(Status.INVALID_ARGUMENT.withDescription("digest mismatch")
                                .asRuntimeException());
                        return;
                    }
                    stored.put(sha256, bytes);
                    response.onNext(UploadInputResponse.newBuilder().setInput(input(sha256, bytes.length)).build());
                    response.onCompleted();
                }
            };
        }

        private static StoredInput input(String sha256, long size) {
            return StoredInput.newBuilder().setKey("inputs/" + sha256).setUri("s3://" + BUCKET + "/inputs/" + sha256)
                    .setSha256(sha256).setSize(size).build();
        }
    }
}
