package org.prunedistill.infodecoder.mapping;

import java.util.List;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingSummary;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.DecodingValue;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.ObjectPair;
import org.prunedistill.events.v1.PopulationDecodingParameters;
import org.prunedistill.events.v1.SingleUnitDecodingParameters;
import org.prunedistill.events.v1.ValueUnit;
import org.prunedistill.info.MedianEstimate;
import org.prunedistill.info.PopulationDecoding;
import org.prunedistill.info.PopulationPerformance;
import org.prunedistill.info.analysis.domain.DecodingProfile;
import org.prunedistill.info.analysis.domain.DecodingSummaries;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.UnitInclusion;
import org.prunedistill.messaging.UnitSampleMapping;

/**
 * Decoding of one source as two typed results (SCIENCE.md 5). {@code single-unit-decoding}: per task (separability,
 * generalisation) and score (bits above chance, percent correct), the median over the decoded units with its
 * bootstrap standard error; its table has one row per decoded unit. {@code population-decoding}: per
 * pseudo-population size, task and score, the mean over resamplings with their SD; its table has one row per size.
 */
public final class DecodingResultMapping {

    public static final String SINGLE_UNIT = "single-unit-decoding";
    public static final String POPULATION = "population-decoding";

    private DecodingResultMapping() {
    }

    static List<TabledResult> toResults(AnalysisResult.Builder common, DecodingSummaries decoding,
                                        UnitInclusion inclusion, InformationSettings settings) {
        return List.of(singleUnits(common, decoding, inclusion, settings),
                population(common, decoding, inclusion, settings));
    }

    private static TabledResult singleUnits(AnalysisResult.Builder common, DecodingSummaries decoding,
                                            UnitInclusion inclusion, InformationSettings settings) {
        InformationSettings.Decoding decodingSettings = settings.decoding();
        int pairs = decodingSettings.pairsPerUnit();
        AnalysisResult result = InformationResultMapping.keyed(common, SINGLE_UNIT, EstimatorParameters.newBuilder()
                        .setUnitSampling(UnitSampleMapping.sampling(decoding.singleUnits(), decodingSettings.units()))
                        .setUnitInclusion(InformationResultMapping.inclusion(settings))
                        .setSingleUnitDecoding(SingleUnitDecodingParameters.newBuilder()
                                .setViews(PerUnitResultMapping.rule(decoding.byDefaultPosition()))
                                .setLuminanceRatioThreshold(settings.luminanceRatioThreshold())
                                .setPairsPerUnit(pairs)
                                .setGeneralisationRepetitions(decodingSettings.generalisationRepetitions())
                                .setFolds(decodingSettings.folds())
                                .setChanceShuffles(decodingSettings.chanceShuffles())
                                .setBootstrapResamples(settings.bootstrapResamples())
                                .setSeed(settings.seed())
                                .setProfile(profile(decodingSettings.profile()))))
                .setUnits(InformationResultMapping.counts(decoding.singleUnits(), inclusion))
                .putNotes("units", "a seeded sample of the counted units (the included ones by default)")
                .putNotes("decoder", "Gaussian class models, threshold where the log posterior ratio is 0")
                .putNotes("unit_value", "mean over the unit's decoded pairs (undefined without a pair passing the "
                        + "threshold)")
                .putNotes("chance", "object labels shuffled within each view, averaged over chance_shuffles")
                .setDecoding(DecodingSummary.newBuilder()
                        .addValues(median(DecodingTask.DECODING_TASK_SEPARABILITY, pairs,
                                DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE, decoding.separability().aboveChance()))
                        .addValues(median(DecodingTask.DECODING_TASK_SEPARABILITY, pairs,
                                DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT,
                                decoding.separability().percentCorrect()))
                        .addValues(median(DecodingTask.DECODING_TASK_GENERALISATION, pairs,
                                DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE,
                                decoding.generalisation().aboveChance()))
                        .addValues(median(DecodingTask.DECODING_TASK_GENERALISATION, pairs,
                                DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT,
                                decoding.generalisation().percentCorrect())))
                .build();
        return new TabledResult(result, decoding.singleUnitTable(), Columns.singleUnitDecoding());
    }

    private static TabledResult population(AnalysisResult.Builder common, DecodingSummaries decoding,
                                           UnitInclusion inclusion, InformationSettings settings) {
        InformationSettings.Decoding decodingSettings = settings.decoding();
        DecodingSummaries.Population population = decoding.population();
        DecodingSummary.Builder summary = DecodingSummary.newBuilder().setConditions(population.conditions())
                .setFolds(population.folds());
        population.pairs().forEach(pair -> summary.addPairs(ObjectPair.newBuilder().setObjectA(pair[0])
                .setObjectB(pair[1])));
        for (PopulationDecoding size : population.sizes()) {
            addMeans(summary, DecodingTask.DECODING_TASK_SEPARABILITY, size.separability(),
                    size.resamplingsWithoutPair(), decodingSettings.populationPairs());
            addMeans(summary, DecodingTask.DECODING_TASK_GENERALISATION, size.generalisation(),
                    size.resamplingsWithoutPair(), decodingSettings.populationPairs());
        }
        AnalysisResult result = InformationResultMapping.keyed(common, POPULATION, EstimatorParameters.newBuilder()
                        .setUnitSampling(UnitSampleMapping.sampling(population.pool(),
                                decodingSettings.populationPool()))
                        .setUnitInclusion(InformationResultMapping.inclusion(settings))
                        .setPopulationDecoding(PopulationDecodingParameters.newBuilder()
                                .setViews(PerUnitResultMapping.rule(decoding.byDefaultPosition()))
                                .addAllSizes(decodingSettings.populationSizes())
                                .setResamplings(decodingSettings.populationResamplings())
                                .setPairs(decodingSettings.populationPairs())
                                .setFolds(decodingSettings.folds())
                                .setSeed(settings.seed())
                                .setLuminanceRatioThreshold(decodingSettings.populationLuminanceRatioThreshold())
                                .setProfile(profile(decodingSettings.profile()))))
                .setUnits(InformationResultMapping.counts(population.pool(), inclusion).toBuilder()
                        .setAnalysed(population.poolUnits()))
                .putNotes("classifier", "linear SVM, C = 1, features z-scored on the training rows")
                .putNotes("pool", "units with a valid trial in every pool condition, over the views of the leftmost "
                        + "default position")
                .putNotes("chance", "object labels shuffled within each view, once")
                .putNotes("pairs", "per pseudo-population, a seeded choice among the pairs whose luminance ratio "
                        + "passes the threshold with every one of its units' RF luminance")
                .setDecoding(summary)
                .build();
        return new TabledResult(result, population.table(), Columns.populationDecoding());
    }

    private static org.prunedistill.events.v1.DecodingProfile profile(DecodingProfile profile) {
        return switch (profile) {
            case PAPER -> org.prunedistill.events.v1.DecodingProfile.DECODING_PROFILE_PAPER;
            case QUICK -> org.prunedistill.events.v1.DecodingProfile.DECODING_PROFILE_QUICK;
        };
    }

    private static DecodingValue median(DecodingTask task, int pairs, DecodingMeasure measure,
                                        MedianEstimate median) {
        DecodingValue.Builder value = DecodingValue.newBuilder().setTask(task)
                .setLevel(DecodingLevel.DECODING_LEVEL_SINGLE_UNIT).setPopulationSize(1).setPairs(pairs)
                .setMeasure(measure).setUnit(unit(measure)).setValue(median.median())
                .setUndefinedUnits(median.undefined());
        if (!Double.isNaN(median.standardError())) {
            value.setError(median.standardError()).setHasError(true);
        }
        return value.build();
    }

    private static void addMeans(DecodingSummary.Builder summary, DecodingTask task,
                                 PopulationPerformance performance, int withoutPair, int pairs) {
        summary.addValues(mean(task, performance, withoutPair, pairs, DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE,
                performance.bitsAboveChance(), performance.bitsAboveChanceSd()));
        summary.addValues(mean(task, performance, withoutPair, pairs, DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT,
                performance.percentCorrect(), performance.percentCorrectSd()));
    }

    private static DecodingValue mean(DecodingTask task, PopulationPerformance performance, int withoutPair,
                                      int pairs, DecodingMeasure measure, double value, double sd) {
        DecodingValue.Builder mean = DecodingValue.newBuilder().setTask(task)
                .setLevel(DecodingLevel.DECODING_LEVEL_POPULATION).setPopulationSize(performance.units())
                .setPairs(pairs).setMeasure(measure).setUnit(unit(measure)).setValue(value)
                .setResamplings(performance.resamplings()).setResamplingsWithoutPair(withoutPair);
        if (!Double.isNaN(sd)) {
            mean.setError(sd).setHasError(true);
        }
        return mean.build();
    }

    private static ValueUnit unit(DecodingMeasure measure) {
        return measure == DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT ? ValueUnit.VALUE_UNIT_PERCENT
                : ValueUnit.VALUE_UNIT_BITS;
    }
}
