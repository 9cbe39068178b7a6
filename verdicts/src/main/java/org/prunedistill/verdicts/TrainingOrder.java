package org.prunedistill.verdicts;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training order of each model's checkpoints: as the run declared them (its spec lists them per model, earliest
 * first), then any other checkpoint in order of appearance.
 *
 * @param declared per model (a source's origin), the checkpoints the run declared, in training order; copied
 */
public record TrainingOrder(Map<String, List<String>> declared) {

    public TrainingOrder {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        declared.forEach((origin, checkpoints) -> copy.put(origin, List.copyOf(checkpoints)));
        declared = java.util.Collections.unmodifiableMap(copy);
    }

    /** The checkpoints of one model's layers: declared ones first, then those of {@code sources} as they appear. */
    public List<String> checkpoints(String origin, Iterable<Source> sources) {
        Set<String> order = new LinkedHashSet<>(declared.getOrDefault(origin, List.of()));
        for (Source source : sources) {
            if (source.layer() && source.origin().equals(origin)) {
                order.add(source.checkpoint());
            }
        }
        return List.copyOf(order);
    }

    /**
     * The checkpoints of every model's layers among {@code sources}: the declared ones that occur, in declared order
     * (model after model), then the others as they appear.
     */
    public List<String> checkpoints(Iterable<Source> sources) {
        Set<String> seen = new LinkedHashSet<>();
        for (Source source : sources) {
            if (source.layer()) {
                seen.add(source.checkpoint());
            }
        }
        Set<String> order = new LinkedHashSet<>();
        declared.values().forEach(order::addAll);
        order.retainAll(seen);
        order.addAll(seen);
        return List.copyOf(order);
    }
}
