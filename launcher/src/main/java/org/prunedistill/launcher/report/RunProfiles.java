package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.Run;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.launcher.RunClient;

/**
 * A run's profiles as the report and the summary read them: the checkpoints in the order the run named them (the
 * training order), the layers and areas in hierarchy order, lookups of one estimate or information median, and the
 * changes of the information medians from the first to the last checkpoint as results-api judged them (GetChanges).
 */
public final class RunProfiles {

    /** TwoNN linear fit, its error the SD over subsamples (SCIENCE.md 3.4). */
    public static final String TWO_NN = "twonn";
    /** Correction whose medians the findings use. */
    public static final String CORRECTED = "panzeri-treves";
    /** The correction of decoding points: bits of the confusion matrix above chance. */
    public static final String ABOVE_CHANCE = "above-chance";

    private final Run run;
    private final IdProfile ids;
    private final InformationProfile information;
    private final ChangeProfile trainingChanges;

    /**
     * @param trainingChanges the changes from the first to the last of {@link #checkpoints()} (empty with fewer than
     *                        two checkpoints)
     */
    public RunProfiles(Run run, IdProfile ids, InformationProfile information, ChangeProfile trainingChanges) {
        this.run = run;
        this.ids = ids;
        this.information = information;
        this.trainingChanges = trainingChanges;
    }

    /** Reads a finished run's profiles, and its changes from the first to the last checkpoint, from results-api. */
    public static RunProfiles read(RunClient client, Run run) {
        IdProfile ids = client.idProfile(run.getRunId());
        List<String> checkpoints = checkpoints(run, ids);
        ChangeProfile changes = checkpoints.size() < 2 ? ChangeProfile.getDefaultInstance()
                : client.changes(run.getRunId(), checkpoints.get(0), checkpoints.get(checkpoints.size() - 1));
        return new RunProfiles(run, ids, client.informationProfile(run.getRunId()), changes);
    }

    public Run run() {
        return run;
    }

    public IdProfile ids() {
        return ids;
    }

    public InformationProfile information() {
        return information;
    }

    /** Changes of the information medians from the first to the last checkpoint. */
    public ChangeProfile trainingChanges() {
        return trainingChanges;
    }

    /** Checkpoints of the model layers: as the run spec lists them, then any other seen, in order of appearance. */
    public List<String> checkpoints() {
        return checkpoints(run, ids);
    }

    private static List<String> checkpoints(Run run, IdProfile ids) {
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

    /** Information quantities present, in order of appearance. */
    public List<String> quantities() {
        Set<String> names = new LinkedHashSet<>();
        information.getPointsList().forEach(point -> names.add(point.getQuantity()));
        return List.copyOf(names);
    }

    /** One estimator's point of a source (a layer at a checkpoint, or an area with checkpoint ""). */
    public Optional<IdPoint> id(SourceRef source, String checkpoint, String estimator) {
        return ids.getPointsList().stream()
                .filter(p -> same(p.getSource(), source, checkpoint) && p.getEstimator().equals(estimator))
                .findFirst();
    }

    /** Every point of one estimator of a source (GRIDE has one per scale). */
    public List<IdPoint> idPoints(SourceRef source, String checkpoint, String estimator) {
        return ids.getPointsList().stream()
                .filter(p -> same(p.getSource(), source, checkpoint) && p.getEstimator().equals(estimator))
                .toList();
    }

    /** The corrected median of one quantity of a source (for decoding: its value above chance). */
    public Optional<InformationPoint> information(SourceRef source, String checkpoint, String quantity) {
        String correction = correctionOf(quantity);
        return information.getPointsList().stream()
                .filter(p -> same(p.getSource(), source, checkpoint) && p.getQuantity().equals(quantity)
                        && p.getCorrection().equals(correction))
                .findFirst();
    }

    /** Whether a quantity is a decoding performance (SCIENCE.md 5) rather than an information median. */
    public static boolean isDecoding(String quantity) {
        return quantity.startsWith("single-unit ") || quantity.startsWith("population ");
    }

    /** The correction reports read a quantity at: Panzeri-Treves, or "above-chance" for decoding. */
    static String correctionOf(String quantity) {
        return isDecoding(quantity) ? ABOVE_CHANCE : CORRECTED;
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
