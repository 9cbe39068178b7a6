package org.prunedistill.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import java.util.Set;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.RunEvent;

/**
 * The run a consumed record belongs to, told even when its payload does not decode: from the payload when it decodes
 * and names a run (the event says what it is about), else from the record key (a run event's key is its run id, an
 * activation event's key is its source key {@code <run>/<kind>/<name>/<checkpoint>}, kind {@code layer}, {@code area}
 * or {@code unknown}). Empty when neither names a
 * well-formed run id ({@link RunIds}).
 */
public final class RecordRuns {

    /** Segments of a source key ({@link SourceKeys#sourceKey}) at least; a source's name may hold more '/'. */
    private static final int SOURCE_KEY_SEGMENTS = 4;
    private static final Set<String> KINDS = Set.of("layer", "area", "unknown");

    private RecordRuns() {
    }

    /** The run of a {@code pd.run-events} record. */
    public static Optional<String> ofRunEvent(String key, byte[] value) {
        try {
            String named = value == null ? "" : RunEvent.parseFrom(value).getRunId();
            if (RunIds.isRunId(named)) {
                return Optional.of(named);
            }
        } catch (InvalidProtocolBufferException undecodable) {
            // The key still tells.
        }
        return RunIds.isRunId(key) ? Optional.of(key) : Optional.empty();
    }

    /** The run of a {@code pd.activations} record. */
    public static Optional<String> ofActivation(String key, byte[] value) {
        try {
            ActivationEvent event = value == null ? ActivationEvent.getDefaultInstance()
                    : ActivationEvent.parseFrom(value);
            String named = switch (event.getEventCase()) {
                case BATCH -> event.getBatch().getSource().getRunId();
                case MANIFEST -> event.getManifest().getSource().getRunId();
                default -> "";
            };
            if (RunIds.isRunId(named)) {
                return Optional.of(named);
            }
        } catch (InvalidProtocolBufferException undecodable) {
            // The key still tells.
        }
        if (key == null) {
            return Optional.empty();
        }
        String[] segments = key.split("/", -1);
        return segments.length >= SOURCE_KEY_SEGMENTS && RunIds.isRunId(segments[0]) && KINDS.contains(segments[1])
                ? Optional.of(segments[0]) : Optional.empty();
    }
}
