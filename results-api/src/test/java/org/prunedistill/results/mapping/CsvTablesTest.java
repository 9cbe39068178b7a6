package org.prunedistill.results.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.Claim;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.events.v1.NotEvaluatedReason;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.TrendInteraction;
import org.prunedistill.api.v1.TrendPosition;
import org.prunedistill.api.v1.TrendThird;
import org.prunedistill.api.v1.Verdict;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

class CsvTablesTest {

    @Test
    void writesOneRowPerPointWithAbsentErrorsLeftEmpty() {
        SourceRef source = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName("fc1")
                .setCheckpoint("random-1").setOrigin("builtin-cnn-small").setOrder(3).setRelativeDepth(0.75).build();
        IdPoint twoNn = IdPoint.newBuilder().setSource(source).setEstimator("twonn").setId(6.5).setScale(1.25)
                .setPointsUsed(118).build();
        IdPoint gride = twoNn.toBuilder().setEstimator("gride").setError(0.5).setHasError(true).setN1(2).setN2(4)
                .build();

        assertEquals("run_id,source_kind,source,checkpoint,origin,order,relative_depth,estimator,n1,n2,id,error,scale,"
                + "points_used,duplicates_removed\r\n"
                + "r,layer,fc1,random-1,builtin-cnn-small,3,0.7500000000,twonn,,,6.500000000,,1.250000000,118,0\r\n"
                + "r,layer,fc1,random-1,builtin-cnn-small,3,0.7500000000,gride,2,4,6.500000000,0.5000000000,"
                + "1.250000000,118,0\r\n", CsvTables.idProfile(List.of(twoNn, gride)));
    }

    @Test
    void writesOneRowPerChangeWithAbsentErrorAndSignificanceLeftEmpty() {
        SourceRef before = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName("conv1")
                .setCheckpoint("untrained").setOrigin("builtin-cnn-small").setOrder(1).setRelativeDepth(0.25).build();
        SourceRef after = before.toBuilder().setCheckpoint("trained").build();
        Change significant = Change.newBuilder().setFromSource(before).setToSource(after).setQuantity("I(R;L)")
                .setCorrection("panzeri-treves").setBefore(0.5).setAfter(0.25).setDifference(-0.25).setError(0.05)
                .setHasError(true).setSignificant(true).build();
        Change withoutError = significant.toBuilder().setCorrection("plugin").clearError().clearHasError()
                .clearSignificant().build();

        assertEquals("run_id,source_kind,origin,from_source,from_checkpoint,from_order,from_relative_depth,to_source,"
                + "to_checkpoint,to_order,to_relative_depth,quantity,correction,before,after,difference,error,"
                + "significant\r\n"
                + "r,layer,builtin-cnn-small,conv1,untrained,1,0.2500000000,conv1,trained,1,0.2500000000,I(R;L),"
                + "panzeri-treves,0.5000000000,0.2500000000,-0.2500000000,0.05000000000,true\r\n"
                + "r,layer,builtin-cnn-small,conv1,untrained,1,0.2500000000,conv1,trained,1,0.2500000000,I(R;L),"
                + "plugin,0.5000000000,0.2500000000,-0.2500000000,,\r\n",
                CsvTables.changes(List.of(significant, withoutError)));
    }

    @Test
    void writesTheUnitCountsAndTheUnfilteredMedianOfEveryInformationPoint() {
        SourceRef source = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName("pool1")
                .setCheckpoint("trained").setOrigin("builtin-cnn-small").setOrder(1).setRelativeDepth(0.25).build();
        InformationPoint included = InformationPoint.newBuilder().setSource(source).setQuantity("I(R;L)")
                .setCorrection("panzeri-treves").setMedian(0.5).setMedianError(0.05).setHasMedianError(true)
                .setQ25(Double.NaN).setQ75(Double.NaN).setUnits(400).setResponsiveUnits(90).setInformativeUnits(120)
                .setIncludedUnits(70).setUnfilteredMedian(0.25).setHasUnfilteredMedian(true).build();
        InformationPoint none = included.toBuilder().setMedian(Double.NaN).clearMedianError().clearHasMedianError()
                .setResponsiveUnits(0).setIncludedUnits(0)
                .setNotEvaluatedReason(NotEvaluatedReason.NOT_EVALUATED_REASON_NO_RESPONSIVE_UNIT).build();

        assertEquals("run_id,source_kind,source,checkpoint,origin,order,relative_depth,quantity,correction,median,"
                + "median_error,q25,q75,units,responsive_units,informative_units,included_units,unfiltered_median,"
                + "not_evaluated_reason\r\n"
                + "r,layer,pool1,trained,builtin-cnn-small,1,0.2500000000,I(R;L),panzeri-treves,0.5000000000,"
                + "0.05000000000,,,400,90,120,70,0.2500000000,\r\n"
                + "r,layer,pool1,trained,builtin-cnn-small,1,0.2500000000,I(R;L),panzeri-treves,,,,,400,0,120,0,"
                + "0.2500000000,no_responsive_unit\r\n", CsvTables.informationProfile(List.of(included, none)));
    }

    @Test
    void writesOneRowPerTrendWithItsSourcesInOrderAndTheReasonWhenNotEvaluated() {
        SourceRef pool1 = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName("pool1")
                .setCheckpoint("trained").setOrigin("builtin-cnn-small").setOrder(1).setRelativeDepth(0.25).build();
        SourceRef fc1 = pool1.toBuilder().setName("fc1").setOrder(3).setRelativeDepth(0.75).build();
        HierarchyTrend falling = HierarchyTrend.newBuilder().setOrigin("builtin-cnn-small").setCheckpoint("trained")
                .setKind(SourceKind.SOURCE_KIND_LAYER)
                .addPositions(TrendPosition.newBuilder().setSource(pool1).setValue(0.5).setError(0.03)
                        .setHasError(true))
                .addPositions(TrendPosition.newBuilder().setSource(fc1).setValue(0.2).setError(0.04)
                        .setHasError(true))
                .setFirstThird(TrendThird.newBuilder().setCount(1).setMean(0.5).setError(0.03).setHasError(true))
                .setLastThird(TrendThird.newBuilder().setCount(1).setMean(0.2).setError(0.04).setHasError(true))
                .setDifference(-0.3).setError(0.05).setHasError(true).setSignificant(true).setRankCorrelation(-1)
                .setHasRankCorrelation(true).setVerdict(Verdict.VERDICT_YES).build();
        HierarchyTrend single = HierarchyTrend.newBuilder().setOrigin("recording")
                .setKind(SourceKind.SOURCE_KIND_AREA).setFirstThird(TrendThird.newBuilder().setMean(Double.NaN))
                .setLastThird(TrendThird.newBuilder().setMean(Double.NaN)).setDifference(Double.NaN)
                .setVerdict(Verdict.VERDICT_NOT_EVALUATED).setReason("1 position with a value; a trend needs at "
                        + "least 2").build();
        TrendInteraction steeper = TrendInteraction.newBuilder().setOrigin("builtin-cnn-small")
                .setFirstCheckpoint("untrained").setLastCheckpoint("trained").setFirstDifference(-0.1)
                .setLastDifference(-0.3).setDifference(-0.2).setError(0.07).setHasError(true).setSignificant(true)
                .setVerdict(Verdict.VERDICT_YES).build();
        QuestionTrends question = QuestionTrends.newBuilder().setQuestion(Question.QUESTION_LUMINANCE_PRUNED)
                .setClaim(Claim.CLAIM_DECREASE).addTrends(falling).addTrends(single).addInteractions(steeper).build();

        String csv = CsvTables.trends("r", List.of(question));
        assertEquals("row,run_id,question,claim,source_kind,origin,checkpoint,positions,sources,third_size,"
                + "first_third_mean,first_third_error,last_third_mean,last_third_error,difference,error,significant,"
                + "rank_correlation,verdict,reason,first_difference,last_difference\r\n"
                + "trend,r,QUESTION_LUMINANCE_PRUNED,CLAIM_DECREASE,layer,builtin-cnn-small,trained,2,pool1;fc1,1,"
                + "0.5000000000,0.03000000000,0.2000000000,0.04000000000,-0.3000000000,0.05000000000,true,"
                + "-1.000000000,VERDICT_YES,,,\r\n"
                + "trend,r,QUESTION_LUMINANCE_PRUNED,CLAIM_DECREASE,area,recording,,0,,0,,,,,,,,,"
                + "VERDICT_NOT_EVALUATED,1 position with a value; a trend needs at least 2,,\r\n"
                + "interaction,r,QUESTION_LUMINANCE_PRUNED,CLAIM_DECREASE,layer,builtin-cnn-small,"
                + "untrained -> trained,,,,,,,,-0.2000000000,0.07000000000,true,,VERDICT_YES,,-0.1000000000,"
                + "-0.3000000000\r\n", csv);
        csv.lines().forEach(row -> assertEquals(22, row.split(",", -1).length, "every row has every column: "
                + row));
    }

    @Test
    void quotesCellsHoldingSeparatorsOrQuotes() {
        assertEquals("plain", CsvTables.cell("plain"));
        assertEquals("\"I(R;S), corrected\"", CsvTables.cell("I(R;S), corrected"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTables.cell("say \"hi\""));
    }
}
