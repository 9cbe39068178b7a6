package org.prunedistill.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.UnitTableInfo;
import org.prunedistill.api.v1.UnitTablePage;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.InformationStimulus;
import org.prunedistill.events.v1.InformationSummary;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.PerUnitColumn;
import org.prunedistill.events.v1.PerUnitTable;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.WholeSetInformationParameters;
import org.prunedistill.results.domain.CatchUp;
import org.prunedistill.results.domain.MemoryResultBodies;
import org.prunedistill.results.domain.NoUnitTableException;
import org.prunedistill.results.domain.UnitTable;
import org.prunedistill.results.domain.UnknownResultException;
import org.prunedistill.results.domain.UnknownRunException;
import org.prunedistill.results.mapping.CsvTables;
import org.prunedistill.results.mapping.UnitTableMapping;

class UnitTablesTest {

    private static final SourceRef POOL1 = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER)
            .setName("pool1").setCheckpoint("trained").build();
    private static final ObjectRef TABLE_REF = ObjectRef.newBuilder().setKey("results/abc.npy").addShape(7)
            .addShape(2).build();
    private static final String WITH_TABLE = "r/layer/pool1/trained/information/mutual-information/h1";
    private static final String WITHOUT_TABLE = "r/layer/pool1/trained/intrinsic-dimension/twonn/h2";

    /** Unit u has values (u, 10 u). */
    private static final FloatTensor SEVEN_UNITS = FloatTensor.ofFloats(
            new float[] {0, 0, 1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60}, 7, 2);

    private final RunCatalog catalog = new RunCatalog(new MemoryResultBodies());
    private final UnitTables tables = new UnitTables(queries(catalog), ref -> Map.of(TABLE_REF, SEVEN_UNITS).get(ref));

    UnitTablesTest() {
        catalog.catchUp(CatchUp.done(0, 0));
        catalog.apply(RunEvent.newBuilder().setRunId("r").setSubmitted(RunSubmitted.getDefaultInstance()).build());
        apply(AnalysisResult.newBuilder().setResultKey(WITH_TABLE).setSource(POOL1).setAnalysis("information")
                .setEstimator("mutual-information-object")
                .setParameters(EstimatorParameters.newBuilder().setWholeSetInformation(
                        WholeSetInformationParameters.newBuilder()
                                .setStimulus(InformationStimulus.INFORMATION_STIMULUS_OBJECT)))
                .setInformation(InformationSummary.newBuilder().addMedians(InformationMedian.newBuilder()
                        .setQuantity(InformationQuantity.INFORMATION_QUANTITY_OBJECT)
                        .setCorrection(Correction.CORRECTION_PLUGIN)))
                .setPerUnitTable(PerUnitTable.newBuilder().setObject(TABLE_REF)
                        .addColumns(PerUnitColumn.newBuilder().setLabel("plugin_bits"))
                        .addColumns(PerUnitColumn.newBuilder().setLabel("panzeri_treves_bits")))
                .build());
        apply(AnalysisResult.newBuilder().setResultKey(WITHOUT_TABLE).setSource(POOL1)
                .setAnalysis("intrinsic-dimension").setEstimator("twonn").build());
    }

    @Test
    void pagesOfThreeOverSevenRowsCarryTheColumnsAndTheirFirstRow() {
        List<UnitTablePage> pages = UnitTableMapping.pages(tables.table("r", WITH_TABLE), 3);

        assertEquals(List.of(0, 3, 6), pages.stream().map(UnitTablePage::getFirstRow).toList());
        assertEquals(List.of(3, 3, 1), pages.stream().map(UnitTablePage::getRowsCount).toList());
        for (UnitTablePage page : pages) {
            assertEquals(WITH_TABLE, page.getResultKey());
            assertEquals(List.of("plugin_bits", "panzeri_treves_bits"), page.getColumnsList());
            assertEquals(7, page.getTotalRows());
            for (int i = 0; i < page.getRowsCount(); i++) {
                int unit = page.getFirstRow() + i;
                assertEquals(List.of((double) unit, 10.0 * unit), page.getRows(i).getValuesList());
            }
        }
    }

    @Test
    void aTableWithoutRowsIsOneEmptyPage() {
        UnitTable empty = new UnitTable("k", List.of("a"), FloatTensor.ofFloats(new float[0], 0, 1));

        List<UnitTablePage> pages = UnitTableMapping.pages(empty, 3);

        assertEquals(1, pages.size());
        assertEquals(0, pages.get(0).getRowsCount());
        assertEquals(0, pages.get(0).getTotalRows());
    }

    @Test
    void pageSizeZeroMeansAThousandAndOutOfRangeSizesAreRefused() {
        assertEquals(1000, UnitTableMapping.pageSize(0));
        assertEquals(10_000, UnitTableMapping.pageSize(10_000));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UnitTableMapping.pageSize(10_001))
                .getMessage().contains("page_size"));
        assertThrows(IllegalArgumentException.class, () -> UnitTableMapping.pageSize(-1));
    }

    @Test
    void listsOnlyTheResultsWithATable() {
        List<UnitTableInfo> listed = tables.list("r").getTablesList();

        assertEquals(1, listed.size());
        assertEquals(WITH_TABLE, listed.get(0).getResultKey());
        assertEquals("I(R;object)", listed.get(0).getQuantity());
        assertEquals(7, listed.get(0).getRows());
        assertEquals(List.of("plugin_bits", "panzeri_treves_bits"), listed.get(0).getColumnsList());
    }

    @Test
    void unknownRunsAndKeysAndResultsWithoutATableAreRefusedSayingWhich() {
        assertThrows(UnknownRunException.class, () -> tables.table("no-such-run", WITH_TABLE));
        assertTrue(assertThrows(UnknownResultException.class, () -> tables.table("r", "r/nothing")).getMessage()
                .contains("r/nothing"));
        assertTrue(assertThrows(NoUnitTableException.class, () -> tables.table("r", WITHOUT_TABLE)).getMessage()
                .contains(WITHOUT_TABLE));
    }

    @Test
    void csvHasAHeaderOfTheColumnsAndOneLinePerUnit() {
        List<String> lines = CsvTables.unitTable(tables.table("r", WITH_TABLE)).lines().toList();

        assertEquals("unit,plugin_bits,panzeri_treves_bits", lines.get(0));
        assertEquals(8, lines.size());
        assertTrue(lines.get(7).startsWith("6,6.000000000,60.00000000"), lines.get(7));
    }

    private void apply(AnalysisResult result) {
        catalog.apply(result, result.toByteArray());
    }

    private static RunQueries queries(RunCatalog catalog) {
        RunQueries queries = new RunQueries();
        queries.catalog = catalog;
        return queries;
    }
}
