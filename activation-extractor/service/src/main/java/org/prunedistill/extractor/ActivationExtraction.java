package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.events.v1.ExtractionFinished;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunProgress;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.extraction.stimuli.ShapeStimulusSet;
import org.prunedistill.extractor.config.ExtractorConfig;
import org.prunedistill.extractor.messaging.EventPublisher;

/**
 * Extracts a run: renders its stimulus set, publishes every layer of every model checkpoint and every recorded area
 * as sources, reports progress, and announces the complete list of sources.
 */
@ApplicationScoped
public class ActivationExtraction {

    private static final Logger LOG = Logger.getLogger(ActivationExtraction.class);
    private static final String PRODUCER = "activation-extractor";
    private static final String CODE_VERSION = ActivationExtraction.class.getPackage().getImplementationVersion()
            == null ? "dev" : ActivationExtraction.class.getPackage().getImplementationVersion();

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    ModelExtraction models;

    @Inject
    RecordingExtraction recordings;

    @Inject
    ExtractorConfig config;

    public void extract(String runId, RunSpec spec) {
        int batchConditions = spec.getBatchConditions() > 0
                ? spec.getBatchConditions() : config.extraction().batchConditions();
        Provenance base = Provenance.newBuilder().setProducer(PRODUCER).setCodeVersion(CODE_VERSION).build();
        List<SourceRef> sources = new ArrayList<>();
        if (spec.getModelsCount() > 0) {
            StimulusPlan plan = plan(spec.getStimuli(), batchConditions, base);
            progress(runId, "rendering " + plan.stimuli().conditions().size() + " conditions x "
                    + plan.stimuli().trials() + " trials at " + plan.stimuli().imageSize() + " px");
            for (ModelSource model : spec.getModelsList()) {
                sources.addAll(models.extract(runId, model, plan, message -> progress(runId, message)));
            }
        }
        for (RecordingSource recording : spec.getRecordingsList()) {
            sources.add(recordings.extract(runId, recording, batchConditions, base));
            progress(runId, "area " + recording.getArea() + " published");
        }
        publisher.publish(event(runId).setExtractionFinished(ExtractionFinished.newBuilder().addAllSources(sources))
                .build());
        LOG.infof("run %s: %d sources published", runId, sources.size());
    }

    private StimulusPlan plan(StimulusSpec spec, int batchConditions, Provenance base) {
        int imageSize = spec.getImageSize() > 0 ? spec.getImageSize() : config.extraction().imageSize();
        int trials = spec.getTrials() > 0 ? spec.getTrials() : config.extraction().trials();
        long seed = spec.getSeed() > 0 ? spec.getSeed() : config.extraction().seed();
        ShapeStimulusSet stimuli = ShapeStimulusSet.withDefaults().withImageSize(imageSize).withTrials(trials);
        ObjectRef metadata = store.putDocument(ConditionTable.toJson(stimuli.conditions()));
        Provenance provenance = base.toBuilder()
                .putDetails("stimulus_set", "shapes")
                .putDetails("stimulus_metadata_sha256", metadata.getSha256())
                .putDetails("image_size", Integer.toString(imageSize))
                .putDetails("trials", Integer.toString(trials))
                .putDetails("jitter_pixels", Double.toString(stimuli.jitter()))
                .putDetails("pixel_noise", Double.toString(stimuli.pixelNoise()))
                .putDetails("stimulus_seed", Long.toString(seed))
                .build();
        return new StimulusPlan(stimuli, seed, batchConditions, metadata, provenance);
    }

    private void progress(String runId, String message) {
        publisher.publish(event(runId).setProgress(RunProgress.newBuilder().setStage("extraction")
                .setMessage(message)).build());
    }

    private static RunEvent.Builder event(String runId) {
        return RunEvent.newBuilder().setRunId(runId).setTimestampMs(System.currentTimeMillis()).setProducer(PRODUCER);
    }
}
