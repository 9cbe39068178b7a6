package org.prunedistill.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/** Decodes protobuf event payloads, turning garbage into an error that says which record it was. */
public final class EventCodec {

    private EventCodec() {
    }

    /**
     * Parses a record value.
     *
     * @param where for the message, for example {@code pd.activations[2]@17}
     * @throws PoisonEventException if the bytes are absent or not a valid message of the type
     */
    public static <T extends Message> T parse(Parser<T> parser, byte[] value, String where) {
        if (value == null || value.length == 0) {
            throw new PoisonEventException(where + ": empty record value");
        }
        try {
            return parser.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new PoisonEventException(where + ": not a valid protobuf event (" + e.getMessage() + ")", e);
        }
    }
}
