package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.events.v1.ExtractionFinished;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunProgress;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.RunWarning;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.ModelPreprocessing;
import org.prunedistill.extraction.model.UserImageFormat;
import org.prunedistill.extraction.stimuli.NaturalObjectStimulusSet;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;
import org.prunedistill.extraction.stimuli.RenderingCache;
import org.prunedistill.extraction.stimuli.ShapeStimulusSet;
import org.prunedistill.extraction.stimuli.UserRenderedSet;
import org.prunedistill.extraction.stimuli.UserStimulusSet;
import org.prunedistill.extractor.config.ExtractorConfig;
import org.prunedistill.extractor.messaging.EventPublisher;

/**
 * Extracts a run: renders its stimulus set, publishes every layer of every model checkpoint and every recorded area
 * as sources, reports progress, and announces the complete list of sources. The recorded areas are one hierarchy
 * ({@link AreaHierarchy}), read and aligned first, and compared at a common number of units (SCIENCE.md 3.4).
 */
@ApplicationScoped
public class ActivationExtraction {

    private static final Logger LOG = Logger.getLogger(ActivationExtraction.class);
    /** Small images a warning names before it counts the rest. */
    private static final int SMALL_IMAGES_NAMED = 10;
    private static final String PRODUCER = "activation-extractor";
    /** The deep built-in network's input: 64 px RGB in [0, 1], as it was trained. */
    private static final ModelPreprocessing DEEP_INPUT = new ModelPreprocessing(64, 64, 3,
            ModelPreprocessing.ChannelOrder.RGB, 1.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0));
    private static final String CODE_VERSION = ActivationExtraction.class.getPackage().getImplementationVersion()
            == null ? "dev" : ActivationExtraction.class.getPackage().getImplementationVersion();

    @Inject
    SourceFiles files;

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
                ? spec.getBatchConditions() : config.extraction().batchConditions().orElse(0);
        String batchAskedBy = spec.getBatchConditions() > 0 ? "run" : "pd.extraction.batch-conditions";
        Provenance base = Provenance.newBuilder().setProducer(PRODUCER).setCodeVersion(CODE_VERSION).build();
        List<RecordingExtraction.PreparedArea> areas = prepareAreas(runId, spec, base);
        int commonUnits = AreaHierarchy.commonUnits(unitsByArea(areas), spec.getAreaUnits());
        // Areas go out first: they are read, not computed, so their analyses run while the models are extracted
        // instead of after them. The run still lists the models' sources first.
        List<SourceRef> areaSources = new ArrayList<>();
        for (RecordingExtraction.PreparedArea area : areas) {
            areaSources.add(recordings.publish(area, commonUnits, BatchSize.of(batchConditions, batchAskedBy,
                    BatchSize.heapBudget(config.extraction().batchHeapFraction()), 0, area.trials(), area.units())));
            progress(runId, "area " + area.source().getName() + " published"
                    + (commonUnits > 0 ? " (ID on " + commonUnits + " of its " + area.units() + " units)" : ""));
        }
        List<SourceRef> sources = new ArrayList<>();
        if (spec.getModelsCount() > 0) {
            StimulusPlan plan = plan(runId, spec, batchConditions, batchAskedBy, base);
            progress(runId, "rendering " + plan.stimuli().conditions().size() + " conditions x "
                    + plan.stimuli().trials() + " trials at " + plan.stimuli().imageSize() + " px"
                    + (plan.stimuli().channels() == 3 ? " in colour" : "")
                    + (plan.stimuli() instanceof RenderingCache ? ", each once for every checkpoint" : ""));
            for (ModelSource model : spec.getModelsList()) {
                sources.addAll(models.extract(runId, model, plan, message -> progress(runId, message)));
            }
        }
        sources.addAll(areaSources);
        publisher.publish(event(runId).setExtractionFinished(ExtractionFinished.newBuilder().addAllSources(sources))
                .build());
        LOG.infof("run %s: %d sources published", runId, sources.size());
    }

    /**
     * Every recorded area read and aligned before anything of the run is published: a run with an area that cannot be
     * placed in the hierarchy or aligned with its condition table fails having published nothing.
     */
    private List<RecordingExtraction.PreparedArea> prepareAreas(String runId, RunSpec spec, Provenance base) {
        List<AreaHierarchy.Place> places = AreaHierarchy.places(spec.getRecordingsList());
        List<RecordingExtraction.PreparedArea> areas = new ArrayList<>();
        for (int i = 0; i < spec.getRecordingsCount(); i++) {
            areas.add(recordings.prepare(runId, spec.getRecordings(i), places.get(i), base));
        }
        return areas;
    }

    private static Map<String, Integer> unitsByArea(List<RecordingExtraction.PreparedArea> areas) {
        Map<String, Integer> units = new LinkedHashMap<>();
        areas.forEach(area -> units.put(area.source().getName(), area.units()));
        return units;
    }

    private StimulusPlan plan(String runId, RunSpec run, int batchConditions, String batchAskedBy, Provenance base) {
        StimulusSpec spec = run.getStimuli();
        int trials = spec.getTrials() > 0 ? spec.getTrials() : config.extraction().trials();
        long seed = spec.getSeed() > 0 ? spec.getSeed() : config.extraction().seed();
        RenderedStimulusSet stimuli = RenderingCache.within(spec.getSet().equals(UserRenderedSet.NAME)
                ? userSet(runId, spec, trials, format(run)) : stimulusSet(spec.getSet(), spec.getImageSize(), trials),
                seed, StimulusPlan.keptRenderingsBudget());
        ObjectRef metadata = store.putDocument(ConditionTable.toJson(stimuli.conditions()));
        Provenance provenance = base.toBuilder()
                .putDetails("stimulus_set", stimuli.name())
                .putDetails("stimulus_metadata_sha256", metadata.getSha256())
                .putDetails("stimulus_seed", Long.toString(seed))
                .putAllDetails(stimuli.parameters())
                .build();
        return new StimulusPlan(stimuli, seed, batchConditions, batchAskedBy, metadata, provenance);
    }

    /**
     * How the run's models want a user's images: imported models' preprocessing, the small built-in CNN's 64 px grey,
     * the deep one's 64 px colour (taken as a model whose preprocessing changes nothing).
     */
    private static UserImageFormat format(RunSpec run) {
        List<ModelPreprocessing> imported = new ArrayList<>();
        boolean builtin = false;
        for (ModelSource model : run.getModelsList()) {
            if (model.getOnnxCheckpointsCount() > 0) {
                imported.add(ModelExtraction.preprocessing(model));
            } else if (model.getModel().equals(DeepCnn.MODEL)) {
                imported.add(DEEP_INPUT);
            } else {
                builtin = true;
            }
        }
        return UserImageFormat.forModels(imported, builtin, run.getStimuli().getImageSize());
    }

    /**
     * A user's images and metadata, read once from the URIs the run names (the images a folder or a ZIP archive under
     * an allowed root, or an {@code s3://} object, which is always a ZIP archive: an upload of a folder is one) at the
     * size and channels the models want; images smaller than a model's input are named in a warning of the run.
     */
    private RenderedStimulusSet userSet(String runId, StimulusSpec spec, int trials, UserImageFormat format) {
        List<Path> copies = new ArrayList<>();
        try {
            Path images = local(spec.getImagesUri(), "images", copies);
            Path metadata = local(spec.getMetadataUri(), "metadata.csv", copies);
            UserStimulusSet set = UserStimulusSet.load(images, metadata, format.side(), format.channels());
            List<UserStimulusSet.SmallImage> small = set.imagesSmallerThan(format.smallest());
            if (!small.isEmpty()) {
                warn(runId, "user stimulus set: " + small.size() + " of " + set.ids().size() + " image(s) smaller "
                        + "than the " + format.smallest() + " px the model takes are enlarged, so the model sees "
                        + "them blurred: " + (small.size() <= SMALL_IMAGES_NAMED ? small
                        : small.subList(0, SMALL_IMAGES_NAMED) + " and " + (small.size() - SMALL_IMAGES_NAMED)
                        + " more"));
            }
            return new UserRenderedSet(set, trials);
        } catch (IOException e) {
            throw new IllegalArgumentException("user stimulus set: " + e.getMessage(), e);
        } finally {
            deleteAll(copies);
        }
    }

    /**
     * A file:// folder or file under an allowed root by its real path; an s3:// object copied to a temporary file,
     * added to {@code copies} (the set keeps the bytes it loads, so the copies go once it is loaded).
     */
    private Path local(String uri, String name, List<Path> copies) throws IOException {
        if (uri.startsWith("file:")) {
            // The images are a folder, or a .zip file; the metadata is a file.
            return name.equals("images") && !uri.endsWith(".zip") ? files.folder(uri, "user stimulus set " + name)
                    : files.file(uri, "user stimulus set " + name);
        }
        byte[] bytes = files.read(uri, "user stimulus set " + name);
        Path copy = Files.createTempFile("pd-user-set-", "-" + name);
        copies.add(copy);
        Files.write(copy, bytes);
        return copy;
    }

    private static void deleteAll(List<Path> copies) {
        for (Path copy : copies) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warnf("cannot delete the temporary copy %s: %s", copy, e);
            }
        }
    }

    /** The named set at its own default image size unless the run asks for another. */
    private static RenderedStimulusSet stimulusSet(String name, int imageSize, int trials) {
        return switch (name) {
            case "shapes" -> {
                ShapeStimulusSet shapes = ShapeStimulusSet.withDefaults().withTrials(trials);
                yield imageSize > 0 ? shapes.withImageSize(imageSize) : shapes;
            }
            case "", RatObjectStimulusSet.NAME -> {
                RatObjectStimulusSet rat = RatObjectStimulusSet.withDefaults().withTrials(trials);
                yield imageSize > 0 ? rat.withImageSize(imageSize) : rat;
            }
            case NaturalObjectStimulusSet.NAME -> {
                NaturalObjectStimulusSet natural = NaturalObjectStimulusSet.withDefaults().withTrials(trials);
                yield imageSize > 0 ? natural.withImageSize(imageSize) : natural;
            }
            default -> throw new IllegalArgumentException("unknown stimulus set '" + name
                    + "'; known: shapes, rat-objects, natural-objects, user");
        };
    }

    private void warn(String runId, String reason) {
        publisher.publish(event(runId).setWarning(RunWarning.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId(runId)).setReason(reason)).build());
    }

    private void progress(String runId, String message) {
        publisher.publish(event(runId).setProgress(RunProgress.newBuilder().setStage("extraction")
                .setMessage(message)).build());
    }

    private static RunEvent.Builder event(String runId) {
        return RunEvent.newBuilder().setRunId(runId).setTimestampMs(System.currentTimeMillis()).setProducer(PRODUCER);
    }
}
