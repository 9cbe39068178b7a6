package org.prunedistill.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.prunedistill.api.v1.FindInputResponse;
import org.prunedistill.api.v1.UploadInputHeader;
import org.prunedistill.api.v1.UploadInputResponse;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;

/**
 * Uploads the local files a run names to results-api and names them in the spec by the URIs of the uploads, so the
 * run works against any system, whose extractor cannot read the user's files: recordings and sessions, condition
 * tables, ONNX checkpoints, the metadata table, and an image folder as one {@link FolderArchive} (a {@code .zip} goes
 * as it is). Every {@code file:} URI of the spec is uploaded; {@code s3://} URIs are left as they are.
 *
 * <p>Each file is hashed first; results-api is asked whether it holds that SHA-256 already and only a file it does not
 * hold is sent, with its progress on {@code progress}. A file named twice in one spec is looked at once.
 */
public final class InputUploader {

    /**
     * One local input and where it went.
     *
     * @param local     the path as named by the spec
     * @param uri       the URI a run names it by, {@code s3://<bucket>/inputs/<sha256>}
     * @param bytesSent 0 when results-api held it already
     */
    public record Upload(Path local, String uri, long bytesSent) {
    }

    private final RunClient client;
    private final PrintWriter progress;
    private final Map<Path, Upload> uploads = new HashMap<>();
    private final List<Upload> inOrder = new ArrayList<>();

    public InputUploader(RunClient client, PrintWriter progress) {
        this.client = client;
        this.progress = progress;
    }

    /** Every input looked at so far, in order, each once. */
    public List<Upload> uploads() {
        return List.copyOf(inOrder);
    }

    /**
     * The spec with each local file uploaded and named by its URI.
     *
     * @throws IllegalArgumentException naming the input when a local file cannot be read
     */
    public RunSpec upload(RunSpec spec) {
        RunSpec.Builder uploaded = spec.toBuilder();
        StimulusSpec.Builder stimuli = uploaded.getStimuliBuilder();
        if (!stimuli.getImagesUri().isEmpty()) {
            stimuli.setImagesUri(uri(stimuli.getImagesUri(), "images"));
        }
        if (!stimuli.getMetadataUri().isEmpty()) {
            stimuli.setMetadataUri(uri(stimuli.getMetadataUri(), "metadata"));
        }
        for (RecordingSource.Builder area : uploaded.getRecordingsBuilderList()) {
            String name = "area " + area.getArea();
            if (!area.getResponsesUri().isEmpty()) {
                area.setResponsesUri(uri(area.getResponsesUri(), name));
            }
            area.setConditionsUri(uri(area.getConditionsUri(), "conditions of " + name));
            for (RecordingSession.Builder session : area.getSessionsBuilderList()) {
                session.setResponsesUri(uri(session.getResponsesUri(), "a session of " + name));
            }
        }
        for (ModelSource.Builder model : uploaded.getModelsBuilderList()) {
            for (ModelCheckpoint.Builder checkpoint : model.getOnnxCheckpointsBuilderList()) {
                checkpoint.setUri(uri(checkpoint.getUri(), "checkpoint " + checkpoint.getName() + " of model "
                        + model.getModel()));
            }
        }
        return uploaded.build();
    }

    /** The URI of the upload of a {@code file:} URI's file (or folder); any other URI as it is. */
    private String uri(String uri, String what) {
        if (!uri.startsWith("file:")) {
            return uri;
        }
        Path local = Path.of(URI.create(uri));
        Upload known = uploads.get(local);
        if (known != null) {
            return known.uri();
        }
        Upload upload;
        try {
            upload = Files.isDirectory(local) ? uploadFolder(local) : uploadFile(local, local.getFileName().toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read " + local + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        uploads.put(local, upload);
        inOrder.add(upload);
        return upload.uri();
    }

    private Upload uploadFolder(Path folder) throws IOException {
        Path zip = Files.createTempFile("pd-images-", ".zip");
        try {
            FolderArchive.write(folder, zip);
            Upload archive = uploadFile(zip, folder.getFileName() + "/ (as a ZIP archive)");
            return new Upload(folder, archive.uri(), archive.bytesSent());
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private Upload uploadFile(Path file, String name) throws IOException {
        long size = Files.size(file);
        String sha256 = sha256(file);
        FindInputResponse found = client.findInput(sha256);
        if (found.getPresent()) {
            progress.println("pd: " + name + " is uploaded already (" + found.getInput().getUri() + ")");
            return new Upload(file, found.getInput().getUri(), 0);
        }
        UploadProgress meter = new UploadProgress(name, size, progress);
        UploadInputResponse answer;
        try (InputStream body = Files.newInputStream(file)) {
            answer = client.uploadInput(UploadInputHeader.newBuilder().setSha256(sha256).setSize(size)
                    .setName(name).build(), body, meter::sent);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (answer.getAlreadyPresent()) {
            progress.println("pd: " + name + " is uploaded already (" + answer.getInput().getUri() + ")");
            return new Upload(file, answer.getInput().getUri(), 0);
        }
        meter.done(answer.getInput().getUri());
        return new Upload(file, answer.getInput().getUri(), size);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
