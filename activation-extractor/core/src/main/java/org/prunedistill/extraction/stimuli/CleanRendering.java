package org.prunedistill.extraction.stimuli;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition rendered without jitter or noise, with where its object is (what the unit features are computed on,
 * SCIENCE.md 2 and 4.7).
 *
 * <p>The object mask holds, per pixel (row-major, {@code imageSize x imageSize}, one plane whatever the channels),
 * the share of the pixel the object covers, in [0, 1]: the fraction of the renderer's rays or samples that hit the
 * object, so 1 inside, 0 on the background and a fraction on the anti-aliased outline. It comes from the renderer's
 * geometry, not from the grey levels: a dark face or a dimmed view is object all the same. Empty when the set does
 * not know where the object is (a user's photographs).
 *
 * @param image      channels x imageSize x imageSize values in [0, 1], channel-major
 * @param objectMask imageSize x imageSize coverage values in [0, 1], or empty
 */
public record CleanRendering(float[] image, Optional<float[]> objectMask) {

    public CleanRendering {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(objectMask, "objectMask");
    }
}
