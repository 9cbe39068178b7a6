package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.SourceStatus;

class RunCommandTest {

    private static SourceStatus source(String receptiveFields) {
        SourceStatus.Builder source = SourceStatus.newBuilder();
        if (receptiveFields != null) {
            source.putProvenance("receptive_fields", receptiveFields);
        }
        return source.build();
    }

    @Test
    void importedLayersThatSeeTheWholeImageAreNotedOnce() {
        String partly = "derived from the graph; whole image for {/up/Resize_output_0=Resize node '/up/Resize' op"
                + " Resize is not modelled}";
        Run run = Run.newBuilder().addSources(source(partly)).addSources(source(partly))
                .addSources(source("derived from the graph")).addSources(source(null)).build();
        assertEquals(List.of("receptive fields " + partly), RunCommand.notes(run));
    }

    @Test
    void aRunWhoseFieldsAreAllKnownHasNoNote() {
        assertEquals(List.of(), RunCommand.notes(Run.newBuilder().addSources(source("derived from the graph"))
                .addSources(source(null)).build()));
    }
}
