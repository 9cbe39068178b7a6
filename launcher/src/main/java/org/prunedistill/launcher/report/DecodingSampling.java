package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.DecodingProfile;

/**
 * How a run's decoding was sampled, in a sentence of the report: the profile's name, the sizes it ran with (read from
 * the points' recorded parameters) and, when it is not the paper's, what the paper's profile does instead.
 */
final class DecodingSampling {

    private DecodingSampling() {
    }

    /** The sentence; empty when the run has no decoding. */
    static String describe(RunProfiles profiles) {
        List<InformationPoint> samples = profiles.decodingSamples();
        if (samples.isEmpty()) {
            return "";
        }
        Set<DecodingProfile> names = new LinkedHashSet<>();
        List<String> sizes = new ArrayList<>();
        for (InformationPoint sample : samples) {
            names.add(sample.getDecodingProfile());
            sizes.add(sizes(sample));
        }
        StringBuilder text = new StringBuilder("Decoding profile: ").append(String.join(" and ",
                names.stream().map(DecodingSampling::name).toList())).append(" (").append(String.join("; ", sizes))
                .append(").");
        if (!names.equals(Set.of(DecodingProfile.DECODING_PROFILE_PAPER))) {
            text.append(" Not the paper's sampling: the paper profile (pd.info.decoding.profile=paper, the service's "
                    + "default) decodes every included unit and every object pair passing Th, with 1000 "
                    + "generalisation repetitions and pseudo-populations of 6, 12, 24, 48 and 96 units resampled 50 "
                    + "times.");
        }
        return text.toString();
    }

    private static String name(DecodingProfile profile) {
        return switch (profile) {
            case DECODING_PROFILE_PAPER -> "paper";
            case DECODING_PROFILE_QUICK -> "quick";
            default -> "unnamed";
        };
    }

    /** The sizes a point's result ran with, 0 spelled "every". */
    private static String sizes(InformationPoint point) {
        Map<String, String> parameters = point.getParametersMap();
        if (point.getMeasure().getLevel() == DecodingLevel.DECODING_LEVEL_POPULATION) {
            return "pseudo-populations of " + parameters.getOrDefault("sizes", "?") + " units from "
                    + every(parameters.get("unit_sampling.max_units"), "included units") + ", "
                    + parameters.getOrDefault("resamplings", "?") + " resamplings, "
                    + every(parameters.get("pairs"), "passing pairs") + " each";
        }
        return "single units: " + every(parameters.get("unit_sampling.max_units"), "included units") + " x "
                + every(parameters.get("pairs_per_unit"), "passing pairs") + ", "
                + parameters.getOrDefault("generalisation_repetitions", "?") + " generalisation repetitions";
    }

    private static String every(String count, String what) {
        return count == null || count.equals("0") ? "all " + what : "at most " + count + " " + what;
    }
}
