package org.prunedistill.extractor;

import ai.onnxruntime.OrtEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.extraction.ActivationStream;
import org.prunedistill.extraction.LargestFirst;
import org.prunedistill.extraction.model.BuiltinCheckpoints;
import org.prunedistill.extraction.model.BuiltinNetwork;
import org.prunedistill.extraction.model.CheckpointNetwork;
import org.prunedistill.extraction.model.DeepCheckpoints;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.model.DeepNetwork;
import org.prunedistill.extraction.model.ImportedNetwork;
import org.prunedistill.extraction.model.LayerInfo;
import org.prunedistill.extraction.model.ModelPreprocessing;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.model.OnnxMemoryCap;
import org.prunedistill.extraction.provenance.CodeFingerprint;
import org.prunedistill.extraction.provenance.ProvenanceKey;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;
import org.prunedistill.extractor.config.ExtractorConfig;
import org.prunedistill.extractor.messaging.EventPublisher;
import org.prunedistill.messaging.SourceKeys;

/**
 * Runs the stimuli through every checkpoint of a model and publishes every chosen layer as a source, batch by batch:
 * a batch of conditions is rendered (all trials), passed once through the network, and each layer's slice goes out
 * before the next batch is rendered, so no layer is ever held whole. Models are the two built-in networks (the small
 * CNN and the deep one) or imported ONNX files ({@link CheckpointNetwork}).
 */
@ApplicationScoped
public class ModelExtraction {

    /** Checkpoints of the built-in CNN with random weights: "random-" and the seed of the weights. */
    private static final Pattern RANDOM_CHECKPOINT = Pattern.compile("random-(\\d{1,18})");
    private static final Logger LOG = Logger.getLogger(ModelExtraction.class);


    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    ExtractorConfig config;

    @Inject
    SourceFiles files;

    @Inject
    ExtractionCache cache;

    /** Publishes every layer of every checkpoint; returns the sources published. */
    public List<SourceRef> extract(String runId, ModelSource model, StimulusPlan plan, Consumer<String> progress) {
        List<CheckpointNetwork> networks = networks(model, plan);
        UnitFeatureStore features = new UnitFeatureStore(store, plan, StimulusPlan.keptRenderingsBudget());
        List<SourceRef> sources = new ArrayList<>();
        for (CheckpointNetwork network : networks) {
            sources.addAll(extractCheckpoint(runId, network, features, plan, progress));
        }
        return sources;
    }

    private List<SourceRef> extractCheckpoint(String runId, CheckpointNetwork network,
                                              UnitFeatureStore features, StimulusPlan plan,
                                              Consumer<String> progress) {
        RenderedStimulusSet stimuli = plan.stimuli();
        BatchSize batch = plan.batchFor(network.layers().stream().mapToLong(LayerInfo::units).sum(),
                BatchSize.heapBudget(config.extraction().batchHeapFraction()), features.heldBytes());
        LOG.infof("%s: batches of %d conditions (%s)", network.checkpoint(), batch.conditions(), batch.basis());
        progress.accept(network.checkpoint() + ": batches of " + batch.conditions() + " conditions ("
                + batch.basis() + ")");
        ActivationStream stream = new ActivationStream(stimuli, plan.seed(), batch.conditions());
        Provenance.Builder checkpointProvenance = plan.provenance().putAllDetails(network.provenance());
        Map<LayerInfo, SourceRef> sources = new LinkedHashMap<>();
        Map<LayerInfo, String> keys = new HashMap<>();
        Map<LayerInfo, SourceWriter> writers = new LinkedHashMap<>();
        int reused = 0;
        for (LayerInfo layer : network.layers()) {
            SourceRef source = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER)
                    .setName(layer.name()).setCheckpoint(network.checkpoint())
                    .setRelativeDepth(layer.relativeDepth()).setOrder(layer.order()).setOrigin(network.model())
                    .build();
            sources.put(layer, source);
            String key = sourceKey(checkpointProvenance, layer, batch.conditions());
            keys.put(layer, key);
            Optional<ExtractionCache.Entry> earlier = cache.find(key);
            if (earlier.isPresent()) {
                SourceWriter.republish(earlier.get(), source, publisher);
                reused++;
            } else {
                writers.put(layer, new SourceWriter(source, stream.batchCount(), store, publisher));
            }
        }
        if (reused > 0) {
            progress.accept(network.checkpoint() + ": " + reused + " of " + sources.size()
                    + " layers reused from an earlier run with the same provenance");
        }
        if (writers.isEmpty()) {
            return List.copyOf(sources.values());
        }
        try (OnnxActivations session = network.open(config.extraction().onnxThreads(),
                OnnxMemoryCap.ofMebibytes(config.extraction().onnxMemoryMb()))) {
            stream.run(network, session, (first, tensors) -> publishBatch(first, tensors, writers),
                    done -> progress.accept(network.checkpoint() + ": " + done + "/" + stimuli.conditions().size()
                    + " conditions through " + writers.size() + " layers"));
        }
        for (Map.Entry<LayerInfo, SourceWriter> entry : writers.entrySet()) {
            LayerInfo layer = entry.getKey();
            Provenance provenance = checkpointProvenance.clone().putAllDetails(network.layerProvenance(layer))
                    .putDetails("extraction_key", keys.get(layer))
                    .putDetails("batch_conditions", Integer.toString(batch.conditions()))
                    .putDetails("batch_sizing", batch.basis()).build();
            ExtractionCache.Entry published = entry.getValue().finish(stimuli.trials(), layer.units(),
                    plan.metadata(), provenance, features.of(network.grid(layer, stimuli.imageSize())));
            remember(keys.get(layer), published);
        }
        return List.copyOf(sources.values());
    }

    /**
     * One batch of every layer still to extract: the layers' tensors are encoded, hashed and stored on all cores at
     * once, largest first (after the network the largest cost of a batch, which one thread left to one core), then
     * their claims go out one after the other in layer order from this thread.
     */
    private static void publishBatch(int first, Map<LayerInfo, FloatTensor> tensors,
                                     Map<LayerInfo, SourceWriter> writers) {
        List<LayerInfo> layers = tensors.keySet().stream().filter(writers::containsKey).toList();
        List<ObjectRef> stored = LargestFirst.map(layers, layer -> tensors.get(layer).data().length,
                layer -> writers.get(layer).store(tensors.get(layer)));
        for (int i = 0; i < layers.size(); i++) {
            writers.get(layers.get(i)).publish(first, stored.get(i));
        }
    }

    /**
     * The provenance key of one layer: everything the checkpoint's provenance names (model hash, checkpoint,
     * preprocessing, stimulus-set hash and seed...), the layer, the batch layout, the ONNX Runtime version and the
     * fingerprint of this code.
     */
    private static String sourceKey(Provenance.Builder checkpoint, LayerInfo layer, int batchConditions) {
        Map<String, String> inputs = new HashMap<>(checkpoint.getDetailsMap());
        inputs.put("layer", layer.name());
        inputs.put("batch_conditions", Integer.toString(batchConditions));
        inputs.put("code_fingerprint", Code.FINGERPRINT);
        inputs.put("onnxruntime_version", Code.ONNX_RUNTIME_VERSION);
        return ProvenanceKey.of(inputs);
    }

    /** A cache entry that cannot be stored costs a later recomputation, not this run. */
    private void remember(String key, ExtractionCache.Entry published) {
        try {
            cache.remember(key, published);
        } catch (RuntimeException e) {
            LOG.warnf("source %s is published but could not be remembered for reuse: %s",
                    SourceKeys.sourceKey(published.manifest().getSource()), e.getMessage());
        }
    }

    /** Every checkpoint the source names, each checked (and loaded) before anything is published. */
    private List<CheckpointNetwork> networks(ModelSource model, StimulusPlan plan) {
        List<CheckpointNetwork> networks = new ArrayList<>();
        if (model.getOnnxCheckpointsCount() > 0) {
            ModelPreprocessing preprocessing = preprocessing(model);
            for (ModelCheckpoint checkpoint : model.getOnnxCheckpointsList()) {
                if (model.getCheckpointsCount() == 0 || model.getCheckpointsList().contains(checkpoint.getName())) {
                    byte[] onnx = files.read(checkpoint.getUri(), "model " + model.getModel());
                    networks.add(new ImportedNetwork(model.getModel(), checkpoint.getName(), onnx, preprocessing,
                            model.getLayersList(), config.extraction().onnxThreads()));
                }
            }
            return networks;
        }
        return switch (model.getModel()) {
            case BuiltinNetwork.MODEL -> small(model, plan);
            case DeepCnn.MODEL -> deep(model, plan);
            default -> throw new IllegalArgumentException("unknown model '" + model.getModel() + "': known are "
                    + BuiltinNetwork.MODEL + ", " + DeepCnn.MODEL + ", or an imported ONNX model with "
                    + "onnx_checkpoints");
        };
    }

    /** The small built-in CNN: its shipped checkpoints (all by default) or random-&lt;seed&gt;. */
    private static List<CheckpointNetwork> small(ModelSource model, StimulusPlan plan) {
        if (plan.stimuli().channels() != 1) {
            throw new IllegalArgumentException(BuiltinNetwork.MODEL + " takes grey images; stimulus set "
                    + plan.stimuli().name() + " has " + plan.stimuli().channels() + " channels");
        }
        List<String> checkpoints = model.getCheckpointsList().isEmpty()
                ? BuiltinCheckpoints.NAMES : model.getCheckpointsList();
        List<CheckpointNetwork> networks = new ArrayList<>();
        for (String checkpoint : checkpoints) {
            networks.add(builtin(checkpoint, plan, model.getLayersList()));
        }
        return networks;
    }

    /** The deep built-in network: the checkpoints its shipped manifest lists (all by default, in training order). */
    private static List<CheckpointNetwork> deep(ModelSource model, StimulusPlan plan) {
        DeepCheckpoints shipped = ShippedDeep.CHECKPOINTS;
        List<String> checkpoints = model.getCheckpointsList().isEmpty()
                ? shipped.names() : model.getCheckpointsList();
        List<CheckpointNetwork> networks = new ArrayList<>();
        for (String checkpoint : checkpoints) {
            networks.add(DeepNetwork.shipped(shipped, checkpoint, plan.stimuli().imageSize(),
                    model.getLayersList()));
        }
        return networks;
    }

    /** The preprocessing of an imported model: its JSON, or ImageNet's when it gives none. */
    static ModelPreprocessing preprocessing(ModelSource model) {
        return model.getPreprocessingJson().isEmpty() ? ModelPreprocessing.IMAGENET
                : ModelPreprocessing.fromJson(model.getPreprocessingJson().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), "preprocessing of model " + model.getModel());
    }

    private static CheckpointNetwork builtin(String checkpoint, StimulusPlan plan, List<String> layers) {
        int side = plan.stimuli().imageSize();
        if (BuiltinCheckpoints.NAMES.contains(checkpoint)) {
            BuiltinCheckpoints shipped = Shipped.CHECKPOINTS;
            return BuiltinNetwork.shipped(shipped.get(checkpoint), shipped, side, layers);
        }
        Matcher matcher = RANDOM_CHECKPOINT.matcher(checkpoint);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unknown checkpoint '" + checkpoint + "' of " + BuiltinNetwork.MODEL
                    + ": expected one of " + BuiltinCheckpoints.NAMES + " (shipped, trained on rat-objects) or "
                    + "random-<seed>, for example random-1");
        }
        return BuiltinNetwork.random(checkpoint, Long.parseLong(matcher.group(1)), side,
                plan.stimuli().objectNames().size(), layers);
    }

    /** The small network's shipped checkpoints, read and verified once, on first use. */
    private static final class Shipped {
        static final BuiltinCheckpoints CHECKPOINTS = BuiltinCheckpoints.load();
    }

    /** The deep network's shipped checkpoints (about 21 MB), read and verified once, on first use. */
    private static final class ShippedDeep {
        static final DeepCheckpoints CHECKPOINTS = DeepCheckpoints.load();
    }

    /** What code makes the tensors, computed once, on first use. */
    private static final class Code {
        /** This service's jar and the core's: any change of the code changes every key. */
        static final String FINGERPRINT = CodeFingerprint.of(ModelExtraction.class, ActivationStream.class);
        static final String ONNX_RUNTIME_VERSION = OrtEnvironment.getEnvironment().getVersion();
    }
}
