package org.prunedistill.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdProfileTest {

    static ProfilePosition at(String name, double depth, double id, double error) {
        return new ProfilePosition(name, depth, id, error);
    }

    @Test
    void marksTheExpansionAndContractionOfAHunchback() {
        IdProfile profile = IdProfile.of(List.of(at("input", 0.0, 20, 1), at("conv1", 0.25, 40, 2),
                at("conv2", 0.5, 60, 2), at("conv3", 0.75, 30, 2), at("fc", 1.0, 10, 1)));
        assertEquals(List.of(new ProfilePhase(ProfilePhase.Kind.EXPANSION, 0, 2),
                new ProfilePhase(ProfilePhase.Kind.CONTRACTION, 2, 4)), profile.phases());
        assertEquals(2, profile.peak());
    }

    @Test
    void ignoresChangesWithinTheErrorBars() {
        IdProfile profile = IdProfile.of(List.of(at("V1", 0.0, 10, 1), at("LM", 0.33, 11.5, 1),
                at("LI", 0.67, 20, 1), at("LL", 1.0, 19, Double.NaN)));
        assertEquals(List.of(new ProfilePhase(ProfilePhase.Kind.EXPANSION, 1, 2)), profile.phases());
    }

    @Test
    void hasNoPhaseForASinglePosition() {
        IdProfile profile = IdProfile.of(List.of(at("only", 0.5, 3, 0.1)));
        assertTrue(profile.phases().isEmpty());
        assertEquals(0, profile.peak());
    }

    @Test
    void rejectsPositionsOutOfDepthOrder() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> IdProfile.of(List.of(at("b", 0.5, 1, 0), at("a", 0.2, 1, 0))));
        assertTrue(error.getMessage().contains("relative depth"), error.getMessage());
    }
}
