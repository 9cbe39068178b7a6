package org.prunedistill.results.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

class CsvTablesTest {

    @Test
    void writesOneRowPerPointWithAbsentErrorsLeftEmpty() {
        SourceRef source = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName("fc1")
                .setCheckpoint("random-1").setOrigin("builtin-cnn").setOrder(3).setRelativeDepth(0.75).build();
        IdPoint twoNn = IdPoint.newBuilder().setSource(source).setEstimator("twonn").setId(6.5).setScale(1.25)
                .setPointsUsed(118).build();
        IdPoint gride = twoNn.toBuilder().setEstimator("gride").setError(0.5).setHasError(true).putParameters("n1", "2")
                .putParameters("n2", "4").build();

        assertEquals("run_id,source_kind,source,checkpoint,origin,order,relative_depth,estimator,n1,n2,id,error,scale,"
                + "points_used,duplicates_removed\r\n"
                + "r,layer,fc1,random-1,builtin-cnn,3,0.7500000000,twonn,,,6.500000000,,1.250000000,118,0\r\n"
                + "r,layer,fc1,random-1,builtin-cnn,3,0.7500000000,gride,2,4,6.500000000,0.5000000000,1.250000000,"
                + "118,0\r\n", CsvTables.idProfile(List.of(twoNn, gride)));
    }

    @Test
    void quotesCellsHoldingSeparatorsOrQuotes() {
        assertEquals("plain", CsvTables.cell("plain"));
        assertEquals("\"I(R;S), corrected\"", CsvTables.cell("I(R;S), corrected"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTables.cell("say \"hi\""));
    }
}
