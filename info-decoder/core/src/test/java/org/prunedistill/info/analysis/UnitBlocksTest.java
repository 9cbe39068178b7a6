package org.prunedistill.info.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.analysis.domain.DecodingProfile;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.info.analysis.domain.UnitFilter;
import org.prunedistill.info.analysis.domain.ViewSelection;

/**
 * Reading the next block of units while the current one is computed changes nothing: the blocks, the per-unit table
 * and the whole-set values are those of reading each block in turn, on a source of several blocks.
 */
class UnitBlocksTest {

    private static final int OBJECTS = 4;
    private static final int VIEWS = 38;
    private static final int TRIALS = 2;
    private static final int UNITS = 61;
    private static final int BLOCK = 8;

    @Test
    void handsOverTheSameBlocksInOrderWhenReadingAhead() {
        SourceTensor source = source();
        List<UnitMajorBlock> sequential = blocks(source, UnitBlocks.Reading.SEQUENTIAL);
        List<UnitMajorBlock> ahead = blocks(source, UnitBlocks.Reading.AHEAD);
        assertEquals((UNITS + BLOCK - 1) / BLOCK, ahead.size());
        assertEquals(sequential.size(), ahead.size());
        for (int i = 0; i < ahead.size(); i++) {
            assertEquals(sequential.get(i).units(), ahead.get(i).units(), "block " + i);
            assertArrayEquals(sequential.get(i).data(), ahead.get(i).data(), "block " + i);
        }
    }

    @Test
    void givesTheSamePerUnitTableWhenReadingAhead() {
        SourceTensor source = source();
        List<StimulusCondition> conditions = conditions();
        ReceptiveFields fields = ReceptiveFields.wholeImage(conditions);
        ViewSelection views = ViewSelection.of(conditions);
        for (int parallelism : new int[] {1, 2}) {
            InformationSettings settings = settings(parallelism);
            PaperQuantities.Computed sequential = PaperQuantities.compute(source, conditions, fields, views, settings,
                    UnitBlocks.Reading.SEQUENTIAL, AnalysisProgress.NONE);
            PaperQuantities.Computed ahead = PaperQuantities.compute(source, conditions, fields, views, settings,
                    UnitBlocks.Reading.AHEAD, AnalysisProgress.NONE);
            for (String column : PaperQuantities.columns()) {
                assertArrayEquals(sequential.table().column(column), ahead.table().column(column),
                        column + ", parallelism " + parallelism);
            }
        }
    }

    @Test
    void givesTheSameWholeSetValuesWhenReadingAhead() {
        SourceTensor source = source();
        double[][][] sequential = WholeSetQuantities.compute(source, conditions(), settings(1),
                UnitBlocks.Reading.SEQUENTIAL, AnalysisProgress.NONE);
        double[][][] ahead = WholeSetQuantities.compute(source, conditions(), settings(2), UnitBlocks.Reading.AHEAD,
                AnalysisProgress.NONE);
        for (int q = 0; q < sequential.length; q++) {
            for (int estimator = 0; estimator < 2; estimator++) {
                assertArrayEquals(sequential[q][estimator], ahead[q][estimator], "labelling " + q);
            }
        }
    }

    @Test
    void rethrowsAFailedReadAsItWasThrown() {
        SourceTensor source = source();
        UncheckedIOException failure = new UncheckedIOException("cannot read units 16..23", new java.io.IOException());
        SourceActivations failing = new SourceActivations() {
            @Override
            public int conditions() {
                return source.conditions();
            }

            @Override
            public int trials() {
                return source.trials();
            }

            @Override
            public int units() {
                return source.units();
            }

            @Override
            public SourceTensor gather(int[] units) {
                if (units[0] == 2 * BLOCK) {
                    throw failure;
                }
                return source.gather(units);
            }
        };
        List<Integer> firsts = new ArrayList<>();
        assertSame(failure, assertThrows(UncheckedIOException.class, () -> UnitBlocks.forEach(failing, BLOCK,
                UnitBlocks.Reading.AHEAD, (first, block) -> firsts.add(first))));
        assertEquals(List.of(0, BLOCK), firsts);
    }

    private static List<UnitMajorBlock> blocks(SourceActivations source, UnitBlocks.Reading reading) {
        List<UnitMajorBlock> blocks = new ArrayList<>();
        UnitBlocks.forEach(source, BLOCK, reading, (first, block) -> {
            assertEquals(blocks.size() * BLOCK, first);
            blocks.add(block);
        });
        return blocks;
    }

    /** Every third unit tuned to the object, every third to the luminance, the rest noise; ReLU ties at 0. */
    private static SourceTensor source() {
        List<StimulusCondition> conditions = conditions();
        SplittableRandom random = new SplittableRandom(7);
        float[] data = new float[OBJECTS * VIEWS * TRIALS * UNITS];
        for (int c = 0; c < OBJECTS * VIEWS; c++) {
            for (int t = 0; t < TRIALS; t++) {
                for (int u = 0; u < UNITS; u++) {
                    double signal = switch (u % 3) {
                        case 0 -> conditions.get(c).object() - 1.5;
                        case 1 -> conditions.get(c).luminance() / 30 - 1.5;
                        default -> 0;
                    };
                    double response = Math.max(0, signal + random.nextDouble(-2, 2));
                    data[(c * TRIALS + t) * UNITS + u] = Math.round(response * 4) / 4f;
                }
            }
        }
        return new SourceTensor(OBJECTS * VIEWS, TRIALS, UNITS, data);
    }

    /** The rat design: 8 position views, 15 views at each of -15 and +15 deg per object. */
    private static List<StimulusCondition> conditions() {
        List<StimulusCondition> conditions = new ArrayList<>();
        for (int c = 0; c < OBJECTS * VIEWS; c++) {
            int object = c / VIEWS;
            int view = c % VIEWS;
            double group = view < 8 ? Double.NaN : view < 23 ? -15 : 15;
            double luminance = 10 + 80 * ((view * 7 + object * 3) % VIEWS) / (double) (VIEWS - 1);
            double contrast = 10 + 80 * ((view * 11 + object * 5) % VIEWS) / (double) (VIEWS - 1);
            conditions.add(new StimulusCondition(c, object, "object-" + object, view < 8 ? "position" : "size", view,
                    luminance, contrast, group));
        }
        return conditions;
    }

    private static InformationSettings settings(int parallelism) {
        DecodingProfile quick = DecodingProfile.QUICK;
        return new InformationSettings(3, 4, 23, 0.9, 20, 0.05, 0, 2017, 0, UnitFilter.INCLUDED, 0.10,
                new InformationSettings.Decoding(quick, 64, 3, 100, 5, 5, 256, List.of(6), 3, 2, 0.8),
                new InformationSettings.Execution(parallelism, BLOCK));
    }
}
