package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.id.IdProfile;
import org.prunedistill.id.ProfilePhase;
import org.prunedistill.id.ProfilePosition;

/**
 * What a run found, in plain statements with the numbers behind them (issue 6: "it says what it found, whatever
 * that is"). Three questions of the paper (SCIENCE.md 1):
 * <ol>
 *   <li><b>Hunchback</b>, per checkpoint: along the layers, does the TwoNN ID rise then fall beyond the error bars?
 *       ({@link IdProfile}: an expansion phase followed by a contraction phase, the peak inside the network.)</li>
 *   <li><b>Pruning</b>, per layer, first versus last checkpoint: does the median single-unit information about
 *       luminance (and contrast) decrease significantly?</li>
 *   <li><b>Distillation</b>, same rule: does f_high (and the invariant fraction) increase? Does object identity
 *       become easier to decode across views (single-unit and 6-unit population generalisation, bits above
 *       chance)?</li>
 * </ol>
 * Whether a change is significant is results-api's verdict (GetChanges: beyond twice the standard error of the
 * difference); a change without an error bar is reported as such. The input pixels do not change with training and
 * are left out of the pruning and distillation statements.
 */
public final class Findings {

    /** Quantities named by the information profile. */
    public static final String LUMINANCE = "I(R;L)";
    public static final String CONTRAST = "I(R;C)";
    public static final String F_HIGH = "f_high(L)";
    public static final String INVARIANT_FRACTION = "I(R;O)/I(R;S)";
    /** Decoding quantities (SCIENCE.md 5), in bits above chance. */
    public static final String SINGLE_UNIT_SEPARABILITY = "single-unit separability";
    public static final String SINGLE_UNIT_GENERALISATION = "single-unit generalisation";
    /** The smallest pseudo-population, the one every layer of more than 6 units has. */
    public static final String POPULATION_SEPARABILITY = "population separability (6 units)";
    public static final String POPULATION_GENERALISATION = "population generalisation (6 units)";
    private static final String INPUT = "pixels";

    /** One statement: a short question, the answer, and the numbers behind it. */
    public record Finding(String question, String answer, String evidence) {
    }

    /**
     * A change of a median between two checkpoints; {@code error} is NaN without an error bar; {@code significant} as
     * results-api's GetChanges judges it (beyond 2 SE).
     */
    public record Change(SourceRef layer, String quantity, double before, double after, double error,
                         boolean significant, String verdict) {
    }

    private Findings() {
    }

    /** Every finding the run's numbers allow, in the order above. */
    public static List<Finding> of(RunProfiles profiles) {
        List<Finding> findings = new ArrayList<>();
        List<String> checkpoints = profiles.checkpoints();
        for (String checkpoint : checkpoints) {
            hunchback(profiles, checkpoint).ifPresent(findings::add);
        }
        if (checkpoints.size() >= 2) {
            String first = checkpoints.get(0);
            String last = checkpoints.get(checkpoints.size() - 1);
            findings.add(summarise("Is luminance information pruned from " + first + " to " + last + "?",
                    changes(profiles, LUMINANCE, -1)));
            findings.add(summarise("Is contrast information pruned from " + first + " to " + last + "?",
                    changes(profiles, CONTRAST, -1)));
            findings.add(summarise("Is f_high distilled (increased) from " + first + " to " + last + "?",
                    changes(profiles, F_HIGH, +1)));
            findings.add(summarise("Does the invariant fraction I(R;O)/I(R;S) increase from " + first + " to "
                    + last + "?", changes(profiles, INVARIANT_FRACTION, +1)));
            findings.add(summarise("Do single units generalise object identity across views better from " + first
                    + " to " + last + "?", changes(profiles, SINGLE_UNIT_GENERALISATION, +1)));
            findings.add(summarise("Do 6-unit populations generalise object identity across views better from "
                    + first + " to " + last + "?", changes(profiles, POPULATION_GENERALISATION, +1)));
        }
        return findings.stream().filter(f -> f != null).toList();
    }

    /** The ID profile statement of one checkpoint, if it has at least three layers with a TwoNN estimate. */
    static Optional<Finding> hunchback(RunProfiles profiles, String checkpoint) {
        List<ProfilePosition> positions = new ArrayList<>();
        for (SourceRef layer : profiles.layers()) {
            profiles.id(layer, checkpoint, RunProfiles.TWO_NN).ifPresent(point -> positions.add(new ProfilePosition(
                    layer.getName(), layer.getRelativeDepth(), point.getId(), point.getHasError() ? point.getError()
                    : 0.0)));
        }
        if (positions.size() < 3) {
            return Optional.empty();
        }
        IdProfile profile = IdProfile.of(positions);
        int peak = profile.peak();
        boolean expansion = profile.phases().stream().anyMatch(p -> p.kind() == ProfilePhase.Kind.EXPANSION
                && p.to() <= peak);
        boolean contraction = profile.phases().stream().anyMatch(p -> p.kind() == ProfilePhase.Kind.CONTRACTION
                && p.from() >= peak);
        boolean interior = peak > 0 && peak < positions.size() - 1;
        String answer = expansion && contraction && interior ? "yes" : "no";
        StringBuilder evidence = new StringBuilder();
        for (int i = 0; i < positions.size(); i++) {
            ProfilePosition p = positions.get(i);
            evidence.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f +- %.2f", p.name(),
                    p.id(), p.error()));
        }
        evidence.append(String.format(Locale.ROOT, ". Peak at %s (relative depth %.2f); %s.",
                positions.get(peak).name(), positions.get(peak).relativeDepth(), phases(profile, positions)));
        return Optional.of(new Finding("Does the ID rise then fall along the layers of " + checkpoint + "?", answer,
                evidence.toString()));
    }

    /**
     * The change of a quantity's corrected median (for decoding: its value above chance) from the first to the last
     * checkpoint for every layer but the input, in hierarchy order, with a verdict against the paper's claim.
     *
     * @param expectedSign -1 when a decrease is the paper's claim, +1 for an increase
     */
    public static List<Change> changes(RunProfiles profiles, String quantity, int expectedSign) {
        String correction = RunProfiles.correctionOf(quantity);
        List<Change> changes = new ArrayList<>();
        for (SourceRef layer : profiles.layers()) {
            if (layer.getName().equals(INPUT)) {
                continue;
            }
            profiles.trainingChanges().getChangesList().stream()
                    .filter(change -> change.getQuantity().equals(quantity)
                            && change.getCorrection().equals(correction)
                            && RunProfiles.isLayer(change.getFromSource())
                            && change.getFromSource().getName().equals(layer.getName())
                            && change.getFromSource().getOrigin().equals(layer.getOrigin()))
                    .findFirst()
                    .ifPresent(change -> changes.add(new Change(layer, quantity, change.getBefore(),
                            change.getAfter(), change.getHasError() ? change.getError() : Double.NaN,
                            change.getHasError() && change.getSignificant(), verdict(change, expectedSign))));
        }
        return changes;
    }

    private static String verdict(org.prunedistill.api.v1.Change change, int expectedSign) {
        if (!change.getHasError()) {
            return "no error bar";
        }
        if (!change.getSignificant()) {
            return "no significant change";
        }
        if (Math.signum(change.getDifference()) == expectedSign) {
            return expectedSign < 0 ? "decreases" : "increases";
        }
        return expectedSign < 0 ? "increases (against the claim)" : "decreases (against the claim)";
    }

    private static Finding summarise(String question, List<Change> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        long agreeing = changes.stream().filter(c -> c.verdict().equals("decreases")
                || c.verdict().equals("increases")).count();
        String answer = agreeing == changes.size() ? "yes, in every layer"
                : agreeing == 0 ? "no" : "in " + agreeing + " of " + changes.size() + " layers";
        StringBuilder evidence = new StringBuilder();
        for (Change c : changes) {
            evidence.append(evidence.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s: %.4f -> %.4f (difference %+.4f%s): %s", c.layer().getName(), c.before(), c.after(),
                    c.after() - c.before(), Double.isNaN(c.error()) ? "" : String.format(Locale.ROOT, " +- %.4f",
                            c.error()), c.verdict()));
        }
        return new Finding(question, answer, evidence + ".");
    }

    private static String phases(IdProfile profile, List<ProfilePosition> positions) {
        if (profile.phases().isEmpty()) {
            return "no step beyond the error bars";
        }
        List<String> parts = new ArrayList<>();
        for (ProfilePhase phase : profile.phases()) {
            parts.add((phase.kind() == ProfilePhase.Kind.EXPANSION ? "expansion " : "contraction ")
                    + positions.get(phase.from()).name() + " -> " + positions.get(phase.to()).name());
        }
        return String.join(", ", parts);
    }

    /** The TwoNN value of a point, for tables. */
    static double twoNn(Optional<IdPoint> point) {
        return point.map(IdPoint::getId).orElse(Double.NaN);
    }
}
