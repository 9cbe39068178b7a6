package org.prunedistill.extractor.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.extraction.model.DeepCheckpoints;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.DeepNetwork;
import org.prunedistill.extraction.model.LayerInfo;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.stimuli.NaturalObjectStimulusSet;
import org.prunedistill.messaging.EventCodec;
import org.prunedistill.messaging.Topic;
import org.prunedistill.testsupport.CraftedEvents;
import org.prunedistill.testsupport.EmbeddedStackResource;

/**
 * The deep built-in network inside the extractor, on the embedded Kafka and S3 server, with the checkpoints its
 * shipped manifest lists: the natural-like images go through the first and the last checkpoint, and what comes out
 * is what ONNX Runtime computes on the shipped bytes.
 */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class DeepNetworkRunTest {

    /** 500 clean natural-like images rendered, then 1,000 images through each of two checkpoints. */
    private static final Duration EXTRACTION = Duration.ofSeconds(90);
    private static final int TRIALS = 2;
    private static final List<String> LAYERS = List.of("pixels", "pool4", "logits");
    /** The extractor runs batches of images, the check one image: ONNX Runtime may sum in another order. */
    private static final double BATCH_TOLERANCE = 1e-4;

    CraftedEvents events;

    @Inject
    ObjectStore store;

    @Test
    void theNaturalImagesGoThroughTheShippedCheckpointsAsOnnxRuntimeComputesThem() throws Exception {
        DeepCheckpoints shipped = DeepCheckpoints.load();
        List<DeepCheckpoints.Checkpoint> chosen = List.of(shipped.checkpoints().get(0),
                shipped.checkpoints().get(shipped.checkpoints().size() - 1));
        submit("deep-natural", RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet(NaturalObjectStimulusSet.NAME).setTrials(TRIALS)
                        .setSeed(1))
                .addModels(ModelSource.newBuilder().setModel(DeepCnn.MODEL)
                        .addAllCheckpoints(chosen.stream().map(DeepCheckpoints.Checkpoint::name).toList())
                        .addAllLayers(LAYERS)).build());
        NaturalObjectStimulusSet natural = NaturalObjectStimulusSet.withDefaults().withTrials(TRIALS);
        int conditions = natural.conditions().size();

        for (DeepCheckpoints.Checkpoint checkpoint : chosen) {
            Map<String, String> provenance = null;
            for (String layer : LAYERS) {
                SourceManifest manifest = manifest("deep-natural", checkpoint.name(), layer);
                LayerInfo info = shipped.layers().stream().filter(l -> l.name().equals(layer)).findFirst()
                        .orElseThrow();
                assertEquals(DeepCnn.MODEL, manifest.getSource().getOrigin());
                assertEquals(info.relativeDepth(), manifest.getSource().getRelativeDepth());
                assertEquals(List.of((long) conditions, (long) TRIALS, (long) info.units()),
                        manifest.getTotalShapeList());
                assertTrue(manifest.getUnitFeatures().hasRfCoverage(), "the natural set knows its objects");
                assertEquals(shipped.grid(layer).orElseThrow().positions(),
                        manifest.getUnitFeatures().getPositions());
                provenance = manifest.getProvenance().getDetailsMap();
            }
            assertEquals(checkpoint.sha256(), provenance.get("model_sha256"));
            assertEquals(Integer.toString(checkpoint.step()), provenance.get("training_step"));
            assertEquals(Double.toString(checkpoint.heldOutAccuracy()), provenance.get("held_out_accuracy"));
            assertEquals(NaturalObjectStimulusSet.NAME, provenance.get("stimulus_set"));

            SourceManifest logits = manifest("deep-natural", checkpoint.name(), "logits");
            FloatTensor first = store.fetchTensor(logits.getBatches(0));
            DeepNetwork network = DeepNetwork.shipped(shipped, checkpoint.name(), natural.imageSize(), List.of());
            try (OnnxActivations session = new OnnxActivations(checkpoint.onnxBytes(), 1)) {
                for (int trial = 0; trial < TRIALS; trial++) {
                    float[] image = network.input(natural.render(0, trial, 1), 3, natural.imageSize());
                    float[] expected = session.run(image, 1, 3, natural.imageSize(), natural.imageSize(),
                            List.of("logits")).get("logits")[0];
                    float[] published = new float[expected.length];
                    System.arraycopy(first.data(), trial * expected.length, published, 0, expected.length);
                    assertArrayEquals(expected, published, (float) BATCH_TOLERANCE,
                            checkpoint.name() + ", condition 0, trial " + trial);
                }
            }
        }
    }

    @Test
    void anUnknownCheckpointFailsTheRunListingTheShippedOnes() throws Exception {
        submit("deep-unknown", RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel(DeepCnn.MODEL)
                .addCheckpoints("trained")).build());

        String reason = runEvent(events.awaitRecord(Topic.RUN_EVENTS, record -> record.key().equals("deep-unknown")
                && runEvent(record).hasFailed(), EXTRACTION)).getFailed().getReason();
        assertTrue(reason.contains("unknown checkpoint 'trained' of builtin-cnn-deep: the shipped checkpoints are "
                + DeepCheckpoints.load().names()), reason);
    }

    private void submit(String runId, RunSpec spec) throws Exception {
        events.publish(RunEvent.newBuilder().setRunId(runId).setTimestampMs(System.currentTimeMillis())
                .setProducer("test").setSubmitted(RunSubmitted.newBuilder().setSpec(spec)).build());
    }

    /** The manifest of one layer of one checkpoint of the run. */
    private SourceManifest manifest(String runId, String checkpoint, String layer) {
        ConsumerRecord<String, byte[]> published = events.awaitRecord(Topic.ACTIVATIONS, record -> {
            ActivationEvent event = activation(record);
            return event.hasManifest() && event.getManifest().getSource().getRunId().equals(runId)
                    && event.getManifest().getSource().getCheckpoint().equals(checkpoint)
                    && event.getManifest().getSource().getName().equals(layer);
        }, EXTRACTION);
        return activation(published).getManifest();
    }

    private static ActivationEvent activation(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(ActivationEvent.parser(), record.value(), Topic.ACTIVATIONS.topicName());
    }

    private static RunEvent runEvent(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(RunEvent.parser(), record.value(), Topic.RUN_EVENTS.topicName());
    }
}
