package org.prunedistill.extraction.model;

import java.util.Optional;

/**
 * The input windows of the built-in CNN's layers ({@link BuiltinCnn}), derived from its architecture: conv1 5x5 pad 2
 * then MaxPool 2x2 stride 2 makes pool1 cell y see input rows [2y - 2, 2y + 4) (6 rows); conv2 3x3 pad 1 on pool1 then
 * MaxPool 2 makes pool2 cell y see pool1 rows [2y - 1, 2y + 3), that is input rows [4y - 4, 4y + 8) (12 rows); each
 * input pixel sees itself; the dense layers see the whole image.
 */
public final class BuiltinCnnGeometry {

    private BuiltinCnnGeometry() {
    }

    /** The grid of a built-in layer for images of the given side; empty for a name the network does not have. */
    public static Optional<UnitGrid> grid(String layer, int imageSize) {
        int s1 = imageSize / 2;
        int s2 = s1 / 2;
        return Optional.ofNullable(switch (layer) {
            case BuiltinCnn.INPUT -> new UnitGrid(imageSize, imageSize, 1, 0, 1);
            case "pool1" -> new UnitGrid(s1, s1, 2, -2, 6);
            case "pool2" -> new UnitGrid(s2, s2, 4, -4, 12);
            case "fc1", "logits" -> UnitGrid.wholeImage(imageSize);
            default -> null;
        });
    }
}
