package org.prunedistill.extraction.model;

import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.Excerpt;

/**
 * One readable layer of a network.
 *
 * @param name          tensor name in the model (a graph output, or the input "pixels")
 * @param order         position along the hierarchy, 0 for the input
 * @param relativeDepth (conv + dense operations up to and including this layer) / (all conv + dense operations),
 *                      so 0 for the input and 1 for the last layer (SCIENCE.md section 3.7)
 * @param units         number of values per image, i.e. the product of the layer's non-batch dimensions
 */
public record LayerInfo(String name, int order, double relativeDepth, int units) {

    public LayerInfo {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (order < 0) {
            throw new IllegalArgumentException("order must be >= 0, was " + order);
        }
        if (!(relativeDepth >= 0.0 && relativeDepth <= 1.0)) {
            throw new IllegalArgumentException("relativeDepth must be in [0, 1], was " + relativeDepth);
        }
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, was " + units);
        }
    }

    /**
     * The requested layers in request order, or all when none is requested.
     *
     * @throws IllegalArgumentException naming the unknown layer and listing the valid ones
     */
    public static List<LayerInfo> choose(List<LayerInfo> available, List<String> requested, String model) {
        if (requested.isEmpty()) {
            return available;
        }
        List<LayerInfo> chosen = new ArrayList<>();
        for (String name : requested) {
            chosen.add(available.stream().filter(layer -> layer.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown layer " + Excerpt.of(name) + " of " + model + "; valid layers: "
                            + available.stream().map(LayerInfo::name).toList())));
        }
        return chosen;
    }
}
