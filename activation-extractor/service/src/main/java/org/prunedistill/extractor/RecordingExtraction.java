package org.prunedistill.extractor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunWarning;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.extraction.recording.PseudoPopulation;
import org.prunedistill.extraction.recording.RecordedResponses;
import org.prunedistill.extraction.recording.RecordingReader;
import org.prunedistill.extraction.recording.TrialCoverage;
import org.prunedistill.extractor.messaging.EventPublisher;

/**
 * Publishes a recorded area: responses {@code [units, conditions, trials]} from {@code .npy}, {@code .npz} or NWB/HDF5
 * ({@link RecordingReader}) and a JSON condition table, re-laid out as {@code [conditions, trials, units]} batches.
 * Missing trials (NaN) travel on: condition means use the valid trials and the information analysis drops a unit's
 * missing ones. A unit that misses every trial of some condition cannot give a point per condition and is left out;
 * units left out and missing trials are reported as warnings of the run, so nothing is dropped silently. An area
 * recorded in several sessions becomes one pseudo-population ({@link PseudoPopulation}): the conditions every session
 * recorded, the same number of valid trials drawn for every unit. Every area of a run is {@link #prepare prepared}
 * (read, aligned, checked) before any is {@link #publish published}, so a run that cannot be aligned publishes
 * nothing.
 */
@ApplicationScoped
public class RecordingExtraction {

    private static final String PRODUCER = "activation-extractor";

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    SourceFiles files;

    /**
     * An area read, aligned with its condition table and checked, not yet published: what {@link #publish} needs.
     *
     * @param warnings what the run should be told when the area is published (units left out, missing trials)
     */
    record PreparedArea(SourceRef source, RecordedResponses responses, List<StimulusCondition> table,
                        Provenance.Builder provenance, List<String> warnings) {

        int units() {
            return responses.units();
        }

        int trials() {
            return responses.trials();
        }
    }

    /**
     * Reads one area and aligns it with its condition table, publishing nothing, so that a run whose areas cannot
     * all be aligned publishes none of them.
     *
     * @throws IllegalArgumentException naming the area (and session) when a file cannot be read, the responses and
     *                                  the table disagree on the conditions, a session names a row outside the
     *                                  table, or no unit is left to analyse
     */
    public PreparedArea prepare(String runId, RecordingSource recording, AreaHierarchy.Place place, Provenance base) {
        String area = recording.getArea();
        List<StimulusCondition> table = ConditionTable.fromJson(files.read(recording.getConditionsUri(),
                "area " + area), recording.getConditionsUri());
        Provenance.Builder provenance = base.toBuilder().putDetails("conditions", recording.getConditionsUri());
        SourceRef source = SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_AREA).setName(area)
                .setRelativeDepth(place.relativeDepth()).setOrder(place.order()).setOrigin("recording").build();
        List<String> warnings = new ArrayList<>();
        RecordedResponses read;
        if (recording.getSessionsCount() > 0) {
            if (!recording.getResponsesUri().isEmpty()) {
                throw new IllegalArgumentException("area " + area + ": give responses_uri or sessions, not both");
            }
            PseudoPopulation.Result population = pseudoPopulation(recording, table, provenance);
            read = population.responses();
            table = rows(table, population.conditions());
            if (!population.dropped().isEmpty()) {
                PseudoPopulation.DroppedCondition first = population.dropped().get(0);
                warnings.add("area " + area + ": " + population.dropped().size() + " condition(s) of the table left "
                        + "out of the pseudo-population (first: row " + first.condition() + ", " + first.reason()
                        + ")");
            }
        } else {
            byte[] file = files.read(recording.getResponsesUri(), "area " + area);
            read = read(file, recording.getResponsesUri(), area);
            provenance.putDetails("recording", recording.getResponsesUri())
                    .putDetails("recording_sha256", Sha256.hex(file));
            if (table.size() != read.conditions()) {
                throw new IllegalArgumentException("area " + area + ": the condition table lists " + table.size()
                        + " conditions, the responses hold " + read.conditions());
            }
        }
        RecordedResponses responses = usableUnits(read, area, recording.getResponsesUri().isEmpty()
                ? "area " + area : recording.getResponsesUri(), warnings);
        provenance.putDetails("missing_trials", Long.toString(responses.missingTrials()))
                .putDetails("units_left_out", Integer.toString(read.units() - responses.units()
                        + read.droppedUnitIds().size()));
        return new PreparedArea(source, responses, table, provenance, List.copyOf(warnings));
    }

    /**
     * Publishes a prepared area: its warnings, its condition table, its batches {@code [conditions, trials, units]}
     * and its manifest, which carries the run's common unit count (0 = every unit); the batch size is recorded.
     */
    public SourceRef publish(PreparedArea area, int commonUnits, BatchSize batchSize) {
        int batchConditions = batchSize.conditions();
        SourceRef source = area.source();
        area.warnings().forEach(warning -> warn(source, warning));
        RecordedResponses responses = area.responses();
        ObjectRef metadata = store.putDocument(ConditionTable.toJson(area.table()));
        int units = responses.units();
        int conditions = responses.conditions();
        int trials = responses.trials();
        SourceWriter writer = new SourceWriter(source, (conditions + batchConditions - 1) / batchConditions, store,
                publisher);
        float[] data = responses.data();
        for (int first = 0; first < conditions; first += batchConditions) {
            int count = Math.min(batchConditions, conditions - first);
            float[] batch = new float[count * trials * units];
            for (int c = 0; c < count; c++) {
                for (int t = 0; t < trials; t++) {
                    for (int u = 0; u < units; u++) {
                        batch[(c * trials + t) * units + u] = data[(u * conditions + first + c) * trials + t];
                    }
                }
            }
            writer.write(first, FloatTensor.ofFloats(batch, count, trials, units));
        }
        writer.finish(trials, units, metadata, area.provenance()
                .putDetails("common_units", Integer.toString(commonUnits))
                .putDetails("batch_conditions", Integer.toString(batchConditions))
                .putDetails("batch_sizing", batchSize.basis())
                .setCreatedAtMs(System.currentTimeMillis())
                .build(), null, commonUnits);
        return source;
    }

    /**
     * The sessions of an area aligned by condition ({@link PseudoPopulation}); each session's file and SHA-256, the
     * pseudo-trial count, the seed and the conditions kept and dropped go into the provenance.
     */
    private PseudoPopulation.Result pseudoPopulation(RecordingSource recording, List<StimulusCondition> table,
                                                     Provenance.Builder provenance) {
        String area = recording.getArea();
        List<PseudoPopulation.Session> sessions = new ArrayList<>();
        for (int i = 0; i < recording.getSessionsCount(); i++) {
            RecordingSession session = recording.getSessions(i);
            String where = "area " + area + ", session " + (session.getName().isEmpty() ? i : session.getName());
            byte[] file = files.read(session.getResponsesUri(), where);
            RecordedResponses responses = read(file, session.getResponsesUri(), area);
            if (!session.getName().isEmpty()) {
                responses = RecordedResponses.of(responses.data(), responses.shape(), responses.unitIds(),
                        session.getName(), where);
            }
            int[] rows = session.getConditionRowsCount() == 0
                    ? java.util.stream.IntStream.range(0, responses.conditions()).toArray()
                    : session.getConditionRowsList().stream().mapToInt(Integer::intValue).toArray();
            for (int row : rows) {
                if (row < 0 || row >= table.size()) {
                    throw new IllegalArgumentException(where + ": condition row " + row + " is not in the condition "
                            + "table (" + table.size() + " rows)");
                }
            }
            try {
                sessions.add(new PseudoPopulation.Session(responses, rows));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + session.getResponsesUri() + "): " + e.getMessage(),
                        e);
            }
            String prefix = "session_" + i + "_";
            provenance.putDetails(prefix + "recording", session.getResponsesUri())
                    .putDetails(prefix + "recording_sha256", Sha256.hex(file));
        }
        long seed = recording.getPseudoPopulationSeed() == 0 ? 1 : recording.getPseudoPopulationSeed();
        PseudoPopulation builder = PseudoPopulation.withDefaults();
        if (recording.getPseudoTrials() > 0) {
            builder = builder.withPseudoTrials(recording.getPseudoTrials());
        }
        PseudoPopulation.Result population;
        try {
            population = builder.build(sessions, new SplittableRandom(seed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("area " + area + ": " + e.getMessage(), e);
        }
        provenance.putDetails("pseudo_population_sessions", Integer.toString(sessions.size()))
                .putDetails("pseudo_trials", Integer.toString(population.pseudoTrials()))
                .putDetails("pseudo_population_seed", Long.toString(seed))
                .putDetails("conditions_kept", Integer.toString(population.conditions().size()))
                .putDetails("conditions_dropped", Integer.toString(population.dropped().size()));
        return population;
    }

    /** The table's rows in this order, numbered anew from 0 (row c of the published tensor is condition c). */
    private static List<StimulusCondition> rows(List<StimulusCondition> table, List<Integer> rows) {
        List<StimulusCondition> kept = new ArrayList<>(rows.size());
        for (int row : rows) {
            StimulusCondition c = table.get(row);
            kept.add(new StimulusCondition(kept.size(), c.object(), c.objectName(), c.axis(), c.value(),
                    c.luminance(), c.contrast(), c.groupAzimuth()));
        }
        return kept;
    }

    private static RecordedResponses read(byte[] file, String uri, String area) {
        try {
            return RecordingReader.withDefaults().read(file, uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("area " + area + ": " + e.getMessage(), e);
        }
    }

    /** Leaves out units with a condition without any valid trial; adds warnings about them and about missing trials. */
    private static RecordedResponses usableUnits(RecordedResponses read, String area, String uri,
                                                 List<String> warnings) {
        TrialCoverage coverage = read.coverage(1);
        if (!read.droppedUnitIds().isEmpty()) {
            warnings.add(uri + ": " + read.droppedUnitIds().size() + " unit(s) without any valid trial left out: "
                    + abbreviate(read.droppedUnitIds()));
        }
        RecordedResponses usable = read;
        if (!coverage.meetsMinimum()) {
            List<Integer> below = List.copyOf(coverage.unitsBelowMinimum());
            if (below.size() == read.units()) {
                throw new IllegalArgumentException("area " + area + ": " + uri + ": every unit misses "
                        + "all trials of some condition (unit " + read.unitIds().get(below.get(0)) + ", condition "
                        + coverage.shortfalls().get(0).condition() + "); nothing to analyse");
            }
            int[] keep = java.util.stream.IntStream.range(0, read.units()).filter(u -> !below.contains(u)).toArray();
            usable = read.selectUnits(keep);
            TrialCoverage.Shortfall first = coverage.shortfalls().get(0);
            warnings.add(uri + ": " + below.size() + " unit(s) left out for a condition without any valid trial "
                    + "(first: unit " + first.unitId() + ", condition " + first.condition() + ")");
        }
        if (usable.missingTrials() > 0) {
            warnings.add(uri + ": " + usable.missingTrials() + " missing trial(s) (NaN) of " + (long) usable.units()
                    * usable.conditions() * usable.trials() + "; means and information use the valid trials");
        }
        return usable;
    }

    private void warn(SourceRef source, String reason) {
        publisher.publish(RunEvent.newBuilder().setRunId(source.getRunId()).setProducer(PRODUCER)
                .setTimestampMs(System.currentTimeMillis())
                .setWarning(RunWarning.newBuilder().setSource(source).setReason(reason)).build());
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 10)) + ", ...";
    }
}
