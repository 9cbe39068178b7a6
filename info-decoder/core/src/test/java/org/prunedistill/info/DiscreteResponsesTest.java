package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiscreteResponsesTest {

    @Test
    void rejectsArraysOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteResponses(new int[] {0, 1, 0}, new int[] {0, 1}, 2, 2));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
    }

    @Test
    void rejectsAResponseLabelOutsideTheAlphabetNamingItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteResponses(new int[] {0, 1, 2}, new int[] {0, 1, 1}, 2, 2));
        assertTrue(e.getMessage().contains("responses[2]"), e.getMessage());
    }

    @Test
    void rejectsANegativeStimulusLabelNamingItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteResponses(new int[] {0, 1, 1}, new int[] {0, -1, 1}, 2, 2));
        assertTrue(e.getMessage().contains("stimuli[1]"), e.getMessage());
    }

    @Test
    void rejectsASingleStimulus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteResponses(new int[] {0, 1, 1}, new int[] {1, 1, 1}, 2, 3));
        assertTrue(e.getMessage().contains("need at least two stimuli"), e.getMessage());
        IllegalArgumentException alphabet = assertThrows(IllegalArgumentException.class,
                () -> new DiscreteResponses(new int[] {0, 1}, new int[] {0, 0}, 2, 1));
        assertTrue(alphabet.getMessage().contains("need at least two stimuli"), alphabet.getMessage());
    }

    @Test
    void rejectsNoTrials() {
        assertThrows(IllegalArgumentException.class, () -> new DiscreteResponses(new int[0], new int[0], 2, 2));
    }

    @Test
    void infersTheSmallestAlphabetsFromTheLabels() {
        DiscreteResponses responses = DiscreteResponses.of(new int[] {0, 4, 2}, new int[] {0, 2, 2});
        assertEquals(5, responses.responseBins());
        assertEquals(3, responses.stimulusCount());
        assertEquals(3, responses.trials());
        assertArrayEquals(new int[] {1, 0, 1, 0, 1}, responses.responseCounts());
    }

    @Test
    void copiesItsArraysSoItStaysImmutable() {
        int[] labels = {0, 1, 1, 0};
        DiscreteResponses responses = new DiscreteResponses(labels, new int[] {0, 0, 1, 1}, 2, 2);
        labels[0] = 1;
        responses.responses()[1] = 0;
        assertArrayEquals(new int[] {0, 1, 1, 0}, responses.responses());
        assertEquals(new DiscreteResponses(new int[] {0, 1, 1, 0}, new int[] {0, 0, 1, 1}, 2, 2), responses);
    }
}
