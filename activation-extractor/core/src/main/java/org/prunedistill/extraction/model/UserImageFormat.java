package org.prunedistill.extraction.model;

import java.util.List;

/**
 * The side and channels a user's images are decoded at, so that every model of the run sees them as it was trained
 * to (SCIENCE.md 2): with imported models, the largest of their preprocessings' resize (256 for ImageNet models, so
 * the preprocessing's resize is a no-op and its centre crop takes the model's 224 pixels) and colour when one of them
 * takes three channels; with the built-in CNN only, or beside it, 64 px grey, as it was trained on grey renderings.
 * A side the run asks for wins. The rendered sets (rat objects, shapes) are not user images: they stay grey at their
 * own size.
 *
 * @param side      image side, pixels
 * @param channels  1 (grey) or 3 (RGB)
 * @param smallest  the side below which an image file is enlarged into some model's input (the largest crop), 0 when
 *                  no imported model reads the images
 */
public record UserImageFormat(int side, int channels, int smallest) {

    /** Side of a user's images for the built-in CNN. */
    public static final int BUILTIN_SIDE = 64;

    public UserImageFormat {
        if (side < 1 || (channels != 1 && channels != 3) || smallest < 0) {
            throw new IllegalArgumentException("a user image format needs side >= 1, 1 or 3 channels and smallest >= 0,"
                    + " got " + side + ", " + channels + ", " + smallest);
        }
    }

    /**
     * The format for the models of one run.
     *
     * @param imported      preprocessing of each imported model of the run
     * @param builtin       whether the built-in CNN is among the run's models
     * @param requestedSide the run's image size, 0 for the default
     */
    public static UserImageFormat forModels(List<ModelPreprocessing> imported, boolean builtin, int requestedSide) {
        int resize = imported.stream().mapToInt(ModelPreprocessing::resize).max().orElse(BUILTIN_SIDE);
        int side = requestedSide > 0 ? requestedSide : builtin ? BUILTIN_SIDE : resize;
        boolean colour = !builtin && imported.stream().anyMatch(p -> p.channels() == 3);
        int smallest = imported.stream().mapToInt(ModelPreprocessing::crop).max().orElse(0);
        return new UserImageFormat(side, colour ? 3 : 1, smallest);
    }
}
