package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.api.v1.Run;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.launcher.RunClient;

/**
 * A run as results-api serves it to the report and the summary: its profiles, its findings (GetFindings) and the
 * changes of every median from the first to the last checkpoint the findings compare (GetChanges). Lookups only:
 * every verdict (a change's significance, a question's answer) is the API's.
 */
public final class RunProfiles {

    /** TwoNN linear fit, its error the SD over subsamples (SCIENCE.md 3.4). */
    public static final String TWO_NN = "twonn";

    private final Run run;
    private final IdProfile ids;
    private final InformationProfile information;
    private final GetFindingsResponse findings;
    private final ChangeProfile trainingChanges;

    /**
     * @param trainingChanges the changes from the findings' first to their last checkpoint (empty with fewer than
     *                        two checkpoints)
     */
    public RunProfiles(Run run, IdProfile ids, InformationProfile information, GetFindingsResponse findings,
                       ChangeProfile trainingChanges) {
        this.run = run;
        this.ids = ids;
        this.information = information;
        this.findings = findings;
        this.trainingChanges = trainingChanges;
    }

    /** Reads a finished run's profiles, findings and changes from the first to the last checkpoint. */
    public static RunProfiles read(RunClient client, Run run) {
        GetFindingsResponse findings = client.findings(run.getRunId());
        ChangeProfile changes = findings.getFirstCheckpoint().isEmpty() ? ChangeProfile.getDefaultInstance()
                : client.changes(run.getRunId(), findings.getFirstCheckpoint(), findings.getLastCheckpoint());
        return new RunProfiles(run, client.idProfile(run.getRunId()), client.informationProfile(run.getRunId()),
                findings, changes);
    }

    public Run run() {
        return run;
    }

    public GetFindingsResponse findings() {
        return findings;
    }

    /** The stimulus set the run's model layers saw, as its spec names it (an empty name is the rat design). */
    public String stimulusSet() {
        String set = run.getSpec().getStimuli().getSet();
        return set.isEmpty() ? "rat-objects" : set;
    }

    /** Checkpoints of the model layers: as the run spec lists them, then any other seen, in order of appearance. */
    public List<String> checkpoints() {
        Set<String> names = new LinkedHashSet<>();
        for (ModelSource model : run.getSpec().getModelsList()) {
            names.addAll(model.getCheckpointsList());
        }
        Set<String> seen = new LinkedHashSet<>();
        ids.getPointsList().stream().map(IdPoint::getSource).filter(RunProfiles::isLayer)
                .forEach(source -> seen.add(source.getCheckpoint()));
        names.retainAll(seen);
        names.addAll(seen);
        return List.copyOf(names);
    }

    /** Distinct layers (one per name, the first checkpoint's reference), in depth order. */
    public List<SourceRef> layers() {
        return distinct(true);
    }

    /** Distinct recorded areas, in hierarchy order. */
    public List<SourceRef> areas() {
        return distinct(false);
    }

    /**
     * The measures a report plots, in order of appearance: every Panzeri-Treves corrected information quantity and
     * every decoding performance in bits above chance, each with the name results-api gives it.
     */
    public Map<Measure, String> plottedMeasures() {
        Map<Measure, String> measures = new LinkedHashMap<>();
        information.getPointsList().stream().filter(point -> plotted(point.getMeasure()))
                .forEach(point -> measures.putIfAbsent(point.getMeasure(), point.getQuantity()));
        return measures;
    }

    /**
     * The run's decoding points, one per decoding profile and level (single unit, population), in order of
     * appearance: what a report needs to say how the decoding was sampled (SCIENCE.md 5).
     */
    public List<InformationPoint> decodingSamples() {
        Map<List<Object>, InformationPoint> samples = new LinkedHashMap<>();
        information.getPointsList().stream().filter(point -> isDecoding(point.getMeasure()))
                .forEach(point -> samples.putIfAbsent(List.of(point.getDecodingProfile(),
                        point.getMeasure().getLevel()), point));
        return List.copyOf(samples.values());
    }

    /** One estimator's point of a source (a layer at a checkpoint, or an area with checkpoint ""). */
    public Optional<IdPoint> id(SourceRef source, String checkpoint, String estimator) {
        return idPoints(source, checkpoint, estimator).stream().findFirst();
    }

    /** Every point of one estimator of a source (GRIDE has one per scale). */
    public List<IdPoint> idPoints(SourceRef source, String checkpoint, String estimator) {
        return ids.getPointsList().stream()
                .filter(p -> same(p.getSource(), source, checkpoint) && p.getEstimator().equals(estimator))
                .toList();
    }

    /** The point of one measure of a source. */
    public Optional<InformationPoint> information(SourceRef source, String checkpoint, Measure measure) {
        return information.getPointsList().stream()
                .filter(p -> same(p.getSource(), source, checkpoint) && p.getMeasure().equals(measure))
                .findFirst();
    }

    /** The change of one measure of a layer from the first to the last checkpoint, as results-api judged it. */
    public Optional<Change> trainingChange(SourceRef layer, Measure measure) {
        return trainingChanges.getChangesList().stream()
                .filter(change -> isLayer(change.getFromSource()) && change.getMeasure().equals(measure)
                        && change.getFromSource().getName().equals(layer.getName())
                        && change.getFromSource().getOrigin().equals(layer.getOrigin()))
                .findFirst();
    }

    /** Whether a measure is a decoding performance (SCIENCE.md 5) rather than an information median. */
    public static boolean isDecoding(Measure measure) {
        return measure.getTask() != DecodingTask.DECODING_TASK_UNSPECIFIED;
    }

    private static boolean plotted(Measure measure) {
        return isDecoding(measure) ? measure.getDecodingMeasure() == DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE
                : measure.getCorrection() == Correction.CORRECTION_PANZERI_TREVES;
    }

    static boolean isLayer(SourceRef source) {
        return source.getKind() == SourceKind.SOURCE_KIND_LAYER;
    }

    private List<SourceRef> distinct(boolean layers) {
        List<SourceRef> result = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<SourceRef> all = new ArrayList<>();
        ids.getPointsList().forEach(p -> all.add(p.getSource()));
        information.getPointsList().forEach(p -> all.add(p.getSource()));
        all.stream().filter(source -> isLayer(source) == layers)
                .sorted(Comparator.comparingDouble(SourceRef::getRelativeDepth).thenComparingInt(SourceRef::getOrder))
                .forEach(source -> {
                    if (names.add(source.getOrigin() + "/" + source.getName())) {
                        result.add(source);
                    }
                });
        return result;
    }

    private static boolean same(SourceRef a, SourceRef b, String checkpoint) {
        return a.getKind() == b.getKind() && a.getName().equals(b.getName()) && a.getOrigin().equals(b.getOrigin())
                && a.getCheckpoint().equals(checkpoint);
    }
}
