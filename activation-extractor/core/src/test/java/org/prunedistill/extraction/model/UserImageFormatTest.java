package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserImageFormatTest {

    private static final ModelPreprocessing GREY_96 = new ModelPreprocessing(112, 96, 1,
            ModelPreprocessing.ChannelOrder.RGB, 1.0, List.of(0.5), List.of(0.25));

    @Test
    void anImageNetModelSeesColourAtItsResizeAndNamesImagesBelowItsCrop() {
        assertEquals(new UserImageFormat(256, 3, 224),
                UserImageFormat.forModels(List.of(ModelPreprocessing.IMAGENET), false, 0));
    }

    @Test
    void severalImportedModelsGetTheLargestSizeAndColourIfOneTakesIt() {
        assertEquals(new UserImageFormat(256, 3, 224),
                UserImageFormat.forModels(List.of(GREY_96, ModelPreprocessing.IMAGENET), false, 0));
        assertEquals(new UserImageFormat(112, 1, 96), UserImageFormat.forModels(List.of(GREY_96), false, 0));
    }

    @Test
    void theBuiltinCnnKeepsGreyAt64PixelsAndARequestedSizeWins() {
        assertEquals(new UserImageFormat(64, 1, 0), UserImageFormat.forModels(List.of(), true, 0));
        assertEquals(new UserImageFormat(64, 1, 224),
                UserImageFormat.forModels(List.of(ModelPreprocessing.IMAGENET), true, 0), "grey for both models");
        assertEquals(new UserImageFormat(300, 3, 224),
                UserImageFormat.forModels(List.of(ModelPreprocessing.IMAGENET), false, 300));
    }
}
