package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The specialised paths of the per-unit estimators give the same numbers, bit for bit, as the straightforward ones:
 * seeded random data with many ties (ReLU-like zeros on a coarse grid), odd trial counts, stimuli without trials and
 * trials not stored stimulus by stimulus.
 */
class FastPathEquivalenceTest {

    private static final int CASES = 300;

    @Test
    void findsTheEdgesOfSortingAndIndexing() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int c = 0; c < CASES; c++) {
            // Few values (quickselect) and many (radix selection), every other time of those without negative values
            // (a ReLU unit: ranks inside its zeros are taken without a search; its -0.0 are kept).
            double[] values = tiedValues(rng, 3 + rng.nextInt(c % 2 == 0 ? 400 : 6000));
            if (c % 4 == 3) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i] < 0.0 ? 0.0 : values[i];
                }
            }
            int bins = 2 + rng.nextInt(Math.min(8, values.length - 1));
            double[] sorted = values.clone();
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] += 0.0; // -0.0 counts as 0.0
            }
            Arrays.sort(sorted);
            double[] expected = new double[bins - 1];
            for (int k = 1; k < bins; k++) {
                expected[k - 1] = sorted[(int) ((long) k * values.length / bins) - 1];
            }
            assertArrayEquals(expected, EquipopulatedBinning.edges(values, bins), "case " + c);
        }
    }

    @Test
    void labelsByTheEdgesStrictlyExceeded() {
        SplittableRandom rng = new SplittableRandom(27);
        for (int c = 0; c < CASES; c++) {
            double[] values = tiedValues(rng, 3 + rng.nextInt(400));
            int bins = 2 + rng.nextInt(Math.min(8, values.length - 1));
            double[] edges = EquipopulatedBinning.edges(values, bins);
            int[] expected = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                for (double edge : edges) {
                    expected[i] += values[i] > edge ? 1 : 0;
                }
            }
            assertArrayEquals(expected, EquipopulatedBinning.labels(values, bins), "case " + c);
        }
    }

    @Test
    void givesTheEstimatesOfTheComponentEstimators() {
        SplittableRandom rng = new SplittableRandom(22);
        for (int c = 0; c < CASES; c++) {
            int stimulusCount = 2 + rng.nextInt(12);
            int[] stimuli = stimuli(rng, stimulusCount);
            double[] values = tiedValues(rng, stimuli.length);
            int bins = 2 + rng.nextInt(4);
            if (stimuli.length < bins) {
                continue;
            }
            UnitInformation fast = UnitInformationEstimator.withDefaults().withBins(bins).withShuffles(0)
                    .withPermutations(0).withQuadraticPermutations(UnitInformationEstimator.STORED_ORDER)
                    .estimate(values, stimuli);
            DiscreteResponses data = new DiscreteResponses(EquipopulatedBinning.labels(values, bins), stimuli, bins,
                    Arrays.stream(stimuli).max().getAsInt() + 1);
            String name = "case " + c;
            assertEquals(PluginInformation.bits(data), fast.pluginBits(), name);
            assertEquals(PanzeriTrevesCorrection.bayesian().correctedBits(data), fast.panzeriTrevesBits(), name);
            assertEquals(QuadraticExtrapolation.deterministic(data), fast.quadraticExtrapolationBits(), name);
            assertArrayEquals(data.responseCounts(), fast.binCounts(), name);
        }
    }

    @Test
    void countsTheTableInTheExtrapolationPassAsApart() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int c = 0; c < CASES; c++) {
            int stimulusCount = 2 + rng.nextInt(12);
            int[] stimuli = stimuli(rng, stimulusCount);
            int bins = 2 + rng.nextInt(4);
            int[] labels = skewedLabels(rng, stimuli.length, bins);
            ContingencyTable fused = new ContingencyTable(bins, stimulusCount);
            double qe = QuadraticExtrapolation.storedOrder(labels, stimuli, bins, stimulusCount, fused);
            ContingencyTable apart = ContingencyTable.of(labels, stimuli, bins, stimulusCount);
            assertEquals(QuadraticExtrapolation.storedOrder(labels, stimuli, bins, stimulusCount), qe, "case " + c);
            assertEquals(apart.trials(), fused.trials());
            for (int s = 0; s < stimulusCount; s++) {
                assertEquals(apart.stimulusTotal(s), fused.stimulusTotal(s));
                for (int r = 0; r < bins; r++) {
                    assertEquals(apart.joint(s, r), fused.joint(s, r), "case " + c);
                }
            }
        }
    }

    @Test
    void correctsByTheBayesianCountOfEveryRow() {
        SplittableRandom rng = new SplittableRandom(24);
        for (int c = 0; c < CASES; c++) {
            int stimulusCount = 2 + rng.nextInt(12);
            int[] stimuli = stimuli(rng, stimulusCount);
            int bins = 2 + rng.nextInt(4);
            ContingencyTable table = ContingencyTable.of(skewedLabels(rng, stimuli.length, bins), stimuli, bins,
                    stimulusCount);
            double conditional = 0.0;
            for (int s = 0; s < stimulusCount; s++) {
                if (table.stimulusTotal(s) > 0) {
                    conditional += PanzeriTrevesCorrection.bayesianBinCount(row(table, s), table.stimulusTotal(s))
                            - 1.0;
                }
            }
            double[] total = new double[bins];
            for (int r = 0; r < bins; r++) {
                total[r] = (double) table.responseTotal(r) / table.trials();
            }
            double all = PanzeriTrevesCorrection.bayesianBinCount(total, table.trials()) - 1.0;
            double expected = (conditional - all) / (2.0 * table.trials() * Math.log(2.0));
            assertEquals(expected, PanzeriTrevesCorrection.bayesian().bias(table), "case " + c);
        }
    }

    @Test
    void countsThreeBinPermutationsAsTheGeneralUrn() {
        SplittableRandom data = new SplittableRandom(25);
        for (int c = 0; c < 60; c++) {
            int stimulusCount = 2 + data.nextInt(12);
            int[] stimuli = Synthetic.stimulusLabels(stimulusCount, 1 + data.nextInt(30));
            ContingencyTable table = ContingencyTable.of(skewedLabels(data, stimuli.length, 3), stimuli, 3,
                    stimulusCount);
            LabelPermutations permutations = new LabelPermutations(table, stimuli);
            SplittableRandom rng = new SplittableRandom(c);
            for (int k = 0; k < 5; k++) {
                double fast = permutations.nextPluginBits(rng);
                ContingencyTable copy = ContingencyTable.of(responsesOf(table, stimuli), stimuli, 3, stimulusCount);
                permutations.countLastInto(copy);
                assertEquals(copy.pluginBits(), fast, "case " + c);
                for (int s = 0; s < stimulusCount; s++) {
                    assertEquals(table.stimulusTotal(s), copy.joint(s, 0) + copy.joint(s, 1) + copy.joint(s, 2));
                }
            }
        }
    }

    @Test
    void countsFourPermutationsInLanesAsTheGeneralUrn() {
        SplittableRandom data = new SplittableRandom(27);
        for (int c = 0; c < 60; c++) {
            int stimulusCount = 2 + data.nextInt(12);
            // Up to the largest count of the lanes (2^15 - 1 trials) in the last cases.
            int trialsPerStimulus = c < 55 ? 1 + data.nextInt(30) : (1 << 15) / stimulusCount - 1;
            int[] stimuli = Synthetic.stimulusLabels(stimulusCount, trialsPerStimulus);
            ContingencyTable table = ContingencyTable.of(skewedLabels(data, stimuli.length, 3), stimuli, 3,
                    stimulusCount);
            LabelPermutations permutations = new LabelPermutations(table, stimuli);
            long[] packed = new long[stimuli.length];
            LabelPermutations.drawFourUrnIndices(packed, stimuli.length, new SplittableRandom(c));
            double[] values = new double[4];
            permutations.countThreeBinsFour(packed, values, 0);
            for (int lane = 0; lane < 4; lane++) {
                int[] draws = new int[stimuli.length];
                for (int i = 0; i < draws.length; i++) {
                    long index = (packed[i] >>> (16 * lane)) & 0xFFFF;
                    assertEquals(0x8000, index & 0x8000, "the lane's top bit is set");
                    draws[i] = (int) (index & 0x7FFF);
                    assertTrue(draws[i] < draws.length - i, "index in its urn");
                }
                ContingencyTable copy = ContingencyTable.of(responsesOf(table, stimuli), stimuli, 3, stimulusCount);
                copy.countPermuted(stimuli, draws);
                assertEquals(copy.pluginBits(), values[lane], "case " + c + " lane " + lane);
            }
        }
    }

    @Test
    void countsPairedPermutationsAsOneAtATime() {
        SplittableRandom data = new SplittableRandom(26);
        for (int c = 0; c < 60; c++) {
            int stimulusCount = 2 + data.nextInt(12);
            int[] stimuli = Synthetic.stimulusLabels(stimulusCount, 1 + data.nextInt(30));
            int bins = 2 + data.nextInt(3);
            ContingencyTable table = ContingencyTable.of(skewedLabels(data, stimuli.length, bins), stimuli, bins,
                    stimulusCount);
            // Fewer than four: the paired path (four or more with three bins go to the lanes).
            int count = 1 + data.nextInt(3);
            double[] batch = new LabelPermutations(table, stimuli).nextPluginBits(new SplittableRandom(c), count);
            LabelPermutations single = new LabelPermutations(table, stimuli);
            SplittableRandom rng = new SplittableRandom(c);
            for (int k = 0; k < count; k++) {
                assertEquals(single.nextPluginBits(rng), batch[k], "case " + c + " permutation " + k);
            }
        }
    }

    /** Trials of stimuli {@code 0 .. count-1} (some without trials), 1 to 23 each, half the time shuffled. */
    @Test
    void countsEachLevelsLabelsAsTheFullTable() {
        SplittableRandom rng = new SplittableRandom(28);
        for (int c = 0; c < CASES; c++) {
            int conditions = 3 + rng.nextInt(40);
            ConditionResponses responses = conditionResponses(rng, conditions, 1 + rng.nextInt(4));
            int labelCount = 1 + rng.nextInt(conditions);
            int levels = 1 + rng.nextInt(6);
            int[] label = rng.ints(conditions, 0, labelCount).toArray();
            int[] level = rng.ints(conditions, 0, levels).toArray();
            LabelledTrials trials = LabelledTrials.of(responses, Binning.EQUIPOPULATED, 3);
            int[] conditionOfTrial = responses.conditionOfTrial();
            int[] labels = Binning.EQUIPOPULATED.labels(responses.flatValues(), 3);
            double plugin = 0.0;
            double corrected = 0.0;
            for (int z = 0; z < levels; z++) {
                ContingencyTable table = new ContingencyTable(3, labelCount);
                for (int t = 0; t < labels.length; t++) {
                    if (level[conditionOfTrial[t]] == z) {
                        table.addJoint(label[conditionOfTrial[t]], labels[t]);
                    }
                }
                table.deriveMarginals();
                if (table.trials() > 0) {
                    CorrectedBits term = CorrectedBits.of(table);
                    plugin += (double) table.trials() / labels.length * term.pluginBits();
                    corrected += (double) table.trials() / labels.length * term.panzeriTrevesBits();
                }
            }
            assertEquals(new CorrectedBits(plugin, corrected), trials.conditional(ConditionGroups.of(label, labelCount, level, levels)),
                    "case " + c);
        }
    }

    @Test
    void givesTheInformationAboutConditionsOfCountingTheirTables() {
        SplittableRandom rng = new SplittableRandom(32);
        for (int c = 0; c < CASES; c++) {
            int conditions = 3 + rng.nextInt(60);
            // Mostly one trial per condition (whose tables need no counting), else up to three.
            int trialsPerCondition = c % 3 == 2 ? 1 + rng.nextInt(3) : 1;
            ConditionResponses responses = conditionResponses(rng, conditions, trialsPerCondition);
            int bins = c % 4 == 3 ? 2 + 2 * rng.nextInt(2) : 3;
            int levels = 1 + rng.nextInt(6);
            int[] level = rng.ints(conditions, 0, levels).toArray();
            int[] identity = FeatureDecomposition.identity(conditions);
            LabelledTrials trials = LabelledTrials.of(responses, Binning.EQUIPOPULATED, bins);
            assertEquals(trials.about(identity, conditions), trials.aboutConditions(), "case " + c);
            ConditionGroups byLevel = ConditionGroups.byLevel(level, levels);
            assertEquals(trials.conditional(byLevel), trials.conditionsWithin(byLevel), "case " + c);
        }
    }

    @Test
    void estimatesObjectPairsAsEachPairBinnedAndCountedOnItsOwn() {
        SplittableRandom rng = new SplittableRandom(29);
        for (int c = 0; c < 100; c++) {
            int objects = 2 + rng.nextInt(5);
            int conditions = 2 * objects + rng.nextInt(30);
            int[] object = new int[conditions];
            double[] luminance = new double[conditions];
            for (int k = 0; k < conditions; k++) {
                // Every object has at least two conditions, so every pair has at least as many trials as bins.
                object[k] = k < 2 * objects ? 3 * (k % objects) : 3 * rng.nextInt(objects);
                luminance[k] = 50 + 10 * rng.nextDouble();
            }
            ConditionResponses responses = conditionResponses(rng, conditions, 1 + rng.nextInt(3));
            ConditionFeatures features = new ConditionFeatures(object, luminance, luminance);
            // Mostly the default 3 bins (whose one-trial rows need no labels), else 2 or 4 (labelled row by row).
            int bins = c % 4 == 3 ? 2 + 2 * rng.nextInt(2) : 3;
            InvariantObjectInformation estimator = InvariantObjectInformation.withDefaults().withThreshold(0.9)
                    .withResponseBins(bins);
            List<PairInformation> expected = new ArrayList<>();
            for (int a = 0; a < objects; a++) {
                for (int b = a + 1; b < objects; b++) {
                    expected.add(pairOnItsOwn(responses, object, luminance, 3 * a, 3 * b, 0.9, bins));
                }
            }
            assertEquals(expected, estimator.estimate(responses, features).pairs(), "case " + c);
        }
    }

    @Test
    void selectsARankOfTwoSortedListsAsTheirSortedUnion() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int c = 0; c < 2000; c++) {
            double[] first = tiedValues(rng, rng.nextInt(12));
            double[] second = tiedValues(rng, (first.length == 0 ? 1 : 0) + rng.nextInt(12));
            if (c % 5 == 0 && first.length > 0 && second.length > 0) {
                // Signed zeros on both sides: equal as values, ordered -0.0 first by the sort.
                first[0] = -0.0;
                second[0] = 0.0;
            }
            Arrays.sort(first);
            Arrays.sort(second);
            double[] union = new double[first.length + second.length];
            System.arraycopy(first, 0, union, 0, first.length);
            System.arraycopy(second, 0, union, first.length, second.length);
            Arrays.sort(union);
            for (int rank = 0; rank < union.length; rank++) {
                assertEquals(union[rank] + 0.0, ObjectPairs.kth(first, second, rank) + 0.0,
                        "case " + c + ", rank " + rank);
                assertEquals(union[rank] + 0.0, ObjectPairs.kth(second, first, rank) + 0.0,
                        "case " + c + ", rank " + rank + ", lists swapped");
            }
        }
    }

    @Test
    void givesPOneWithoutDrawingWhenEveryStimulusHasOneTrial() {
        SplittableRandom rng = new SplittableRandom(30);
        for (int c = 0; c < 50; c++) {
            int n = 3 + rng.nextInt(200);
            int[] stimuli = FeatureDecomposition.identity(n);
            int[] labels = skewedLabels(rng, n, 3);
            ContingencyTable table = ContingencyTable.of(labels, stimuli, 3, n);
            double observed = table.pluginBits();
            for (double permuted : new LabelPermutations(table, stimuli).nextPluginBits(rng, 20)) {
                assertEquals(observed, permuted, "case " + c);
            }
            assertEquals(1.0, PermutationTest.pluginPValue(labels, stimuli, 20, rng, table), "case " + c);
        }
    }

    /** One object pair, straightforwardly: its conditions' trials binned together, both tables counted anew. */
    private static PairInformation pairOnItsOwn(ConditionResponses responses, int[] object, double[] luminance,
            int a, int b, double threshold, int bins) {
        double ratio = LuminanceRatio.of(object, luminance, a, b);
        if (!(ratio > threshold)) {
            CorrectedBits none = new CorrectedBits(Double.NaN, Double.NaN);
            return new PairInformation(a, b, ratio, false, none, none);
        }
        boolean[] inPair = new boolean[object.length];
        for (int k = 0; k < object.length; k++) {
            inPair[k] = object[k] == a || object[k] == b;
        }
        ConditionResponses pair = responses.subset(inPair);
        int[] labels = EquipopulatedBinning.labels(pair.flatValues(), bins);
        int[] condition = pair.conditionOfTrial();
        int[] kept = IntStream.range(0, object.length).filter(k -> inPair[k]).toArray();
        int[] binary = Arrays.stream(condition).map(k -> object[kept[k]] == a ? 0 : 1).toArray();
        return new PairInformation(a, b, ratio, true,
                CorrectedBits.of(ContingencyTable.of(labels, binary, bins, 2)),
                CorrectedBits.of(ContingencyTable.of(labels, condition, bins, pair.conditions())));
    }

    /** Tied values, {@code trials} per condition. */
    private static ConditionResponses conditionResponses(SplittableRandom rng, int conditions, int trials) {
        double[][] values = new double[conditions][];
        for (int k = 0; k < conditions; k++) {
            values[k] = tiedValues(rng, trials);
        }
        return new ConditionResponses(values);
    }

    private static int[] stimuli(SplittableRandom rng, int count) {
        int[] perStimulus = new int[count];
        int total = 0;
        for (int s = 0; s < count; s++) {
            perStimulus[s] = s > 1 && rng.nextInt(6) == 0 ? 0 : 1 + rng.nextInt(23);
            total += perStimulus[s];
        }
        int[] stimuli = new int[total];
        int t = 0;
        for (int s = 0; s < count; s++) {
            for (int k = 0; k < perStimulus[s]; k++) {
                stimuli[t++] = s;
            }
        }
        if (rng.nextBoolean()) {
            TrialShuffling.shuffle(stimuli, 0, stimuli.length, rng);
        }
        if (stimuli[stimuli.length - 1] != count - 1) {
            stimuli[stimuli.length - 1] = count - 1;
        }
        return stimuli;
    }

    /** ReLU-like values on a quarter grid: many zeros, a few negative zeros and negative values, many ties. */
    private static double[] tiedValues(SplittableRandom rng, int n) {
        double zeros = rng.nextDouble();
        double scale = rng.nextBoolean() ? 1.0 : 1e-3;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            values[i] = u < zeros ? (rng.nextInt(20) == 0 ? -0.0 : 0.0)
                    : scale * (Math.round(4 * (rng.nextGaussian() + 0.3)) / 4.0);
        }
        return values;
    }

    /** Labels with uneven and sometimes empty bins. */
    private static int[] skewedLabels(SplittableRandom rng, int n, int bins) {
        double[] weights = new double[bins];
        for (int r = 0; r < bins; r++) {
            weights[r] = rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble();
        }
        weights[0] += 0.01;
        double sum = Arrays.stream(weights).sum();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * sum;
            int r = 0;
            while (r < bins - 1 && u >= weights[r]) {
                u -= weights[r++];
            }
            labels[i] = r;
        }
        return labels;
    }

    private static double[] row(ContingencyTable table, int stimulus) {
        double[] p = new double[table.responseBins()];
        for (int r = 0; r < p.length; r++) {
            p[r] = (double) table.joint(stimulus, r) / table.stimulusTotal(stimulus);
        }
        return p;
    }

    /** Response labels with the table's joint counts, stimulus by stimulus in the layout of {@code stimuli}. */
    private static int[] responsesOf(ContingencyTable table, int[] stimuli) {
        int[] labels = new int[stimuli.length];
        int[][] left = new int[table.stimulusCount()][table.responseBins()];
        for (int s = 0; s < left.length; s++) {
            for (int r = 0; r < left[s].length; r++) {
                left[s][r] = table.joint(s, r);
            }
        }
        for (int t = 0; t < stimuli.length; t++) {
            int r = 0;
            while (left[stimuli[t]][r] == 0) {
                r++;
            }
            left[stimuli[t]][r]--;
            labels[t] = r;
        }
        return labels;
    }
}
