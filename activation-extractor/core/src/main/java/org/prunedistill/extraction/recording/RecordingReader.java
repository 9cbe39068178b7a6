package org.prunedistill.extraction.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.prunedistill.claimcheck.Excerpt;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.Npz;

/**
 * Reads a recorded area, responses {@code [units, conditions, trials]} with NaN for missing trials, from a
 * {@code .npy}, {@code .npz} or NWB/HDF5 file. The format is recognised from the content (magic bytes), never from
 * the name alone:
 * <ul>
 *   <li>{@code .npy} ({@code \x93NUMPY}): a 3-d float32, float64, integer or bool array;</li>
 *   <li>{@code .npz} ({@code PK\x03\x04}, as {@code numpy.savez} and {@code numpy.savez_compressed} write): member
 *       {@value #DEFAULT_RESPONSES_MEMBER} (configurable) holds the responses; optional member
 *       {@value #UNIT_IDS_MEMBER} (1-d, integer or text) names the units, optional member {@value #SESSION_MEMBER}
 *       (a text or integer scalar) names the session;</li>
 *   <li>HDF5 ({@code \x89HDF\r\n\x1a\n}, NWB 2.x included): {@code /prune_distill/responses} or
 *       {@code /processing/ecephys/spike_counts/data}, see the README section "Recordings".</li>
 * </ul>
 * Missing trials and lost units follow the policy of {@link RecordedResponses}. Every refusal is a
 * {@link RecordingFormatException} or {@link IllegalArgumentException} whose message starts with the file name
 * (and {@code :member} or {@code :/dataset}) and says what was wrong; a truncated or corrupt file never surfaces as
 * an index or null-pointer exception.
 *
 * <p>Immutable; {@link #withDefaults()} then {@code with...} to configure.
 */
public final class RecordingReader {

    /** The {@code .npz} member holding the responses unless configured otherwise. */
    public static final String DEFAULT_RESPONSES_MEMBER = "responses";
    /** The optional {@code .npz} member naming the units. */
    public static final String UNIT_IDS_MEMBER = "unit_ids";
    /** The optional {@code .npz} member naming the session. */
    public static final String SESSION_MEMBER = "session";

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int SHOWN_BYTES = 8;

    private final String responsesMember;

    private RecordingReader(String responsesMember) {
        this.responsesMember = responsesMember;
    }

    /** Responses from member {@value #DEFAULT_RESPONSES_MEMBER} of a {@code .npz}. */
    public static RecordingReader withDefaults() {
        return new RecordingReader(DEFAULT_RESPONSES_MEMBER);
    }

    /** The same reader taking the responses of a {@code .npz} from another member (name without {@code .npy}). */
    public RecordingReader withResponsesMember(String member) {
        Objects.requireNonNull(member, "member");
        if (member.isBlank() || member.endsWith(".npy")) {
            throw new IllegalArgumentException("responses member must be a member name without .npy, got "
                    + Excerpt.of(member));
        }
        return new RecordingReader(member);
    }

    public String responsesMember() {
        return responsesMember;
    }

    /** The recognised file formats. */
    public enum Format { NPY, NPZ, HDF5 }

    /** Reads a file; its path names it in error messages. */
    public RecordedResponses read(Path file) {
        try {
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads a whole file held in memory.
     *
     * @param bytes the file
     * @param name  what to name in error messages (a path, URI or object key); its extension is only a hint
     * @throws IllegalArgumentException if the bytes are no supported recording (see the class description)
     */
    public RecordedResponses read(byte[] bytes, String name) {
        return switch (detect(bytes, name)) {
            case NPY -> fromNpy(bytes, name);
            case NPZ -> fromNpz(bytes, name);
            case HDF5 -> Hdf5Recording.read(bytes, name);
        };
    }

    /**
     * Recognises the format from the magic bytes.
     *
     * @throws RecordingFormatException naming the file, the bytes found and, when the extension promised a format,
     *                                  which one
     */
    public static Format detect(byte[] bytes, String name) {
        if (startsWith(bytes, NPY_MAGIC)) {
            return Format.NPY;
        }
        if (startsWith(bytes, ZIP_MAGIC)) {
            return Format.NPZ;
        }
        if (startsWith(bytes, HDF5_MAGIC)) {
            return Format.HDF5;
        }
        String shown = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
        String lower = name.toLowerCase(Locale.ROOT);
        String promised = lower.endsWith(".npy") ? " although the name ends with .npy"
                : lower.endsWith(".npz") ? " although the name ends with .npz"
                : lower.endsWith(".nwb") || lower.endsWith(".h5") || lower.endsWith(".hdf5")
                ? " although the name says HDF5/NWB" : "";
        throw new RecordingFormatException(name, (bytes.length == 0 ? "empty file" : "unrecognised content (first "
                + "bytes " + shown + ")") + promised + "; expected .npy (\\x93NUMPY), .npz (ZIP, PK\\x03\\x04) or"
                + " HDF5/NWB (\\x89HDF)");
    }

    private static RecordedResponses fromNpy(byte[] bytes, String name) {
        FloatTensor array = Npy.read(bytes, name);
        return RecordedResponses.of(array.data(), array.shape(), null, "", name);
    }

    private RecordedResponses fromNpz(byte[] bytes, String name) {
        Map<String, byte[]> members = Npz.members(bytes, name);
        byte[] responses = members.get(responsesMember);
        if (responses == null) {
            throw new RecordingFormatException(name, "no member " + Excerpt.of(responsesMember) + " in the .npz; members present: " + String.join(", ", members.keySet()));
        }
        String source = name + ":" + responsesMember + ".npy";
        FloatTensor array = Npy.read(responses, source);
        int[] shape = array.shape();
        List<String> ids = null;
        if (members.containsKey(UNIT_IDS_MEMBER)) {
            String idSource = name + ":" + UNIT_IDS_MEMBER + ".npy";
            ids = texts(members.get(UNIT_IDS_MEMBER), idSource);
            if (shape.length == 3 && ids.size() != shape[0]) {
                throw new RecordingFormatException(idSource, ids.size() + " unit ids for " + shape[0]
                        + " units in " + responsesMember + ".npy");
            }
        }
        String session = "";
        if (members.containsKey(SESSION_MEMBER)) {
            String sessionSource = name + ":" + SESSION_MEMBER + ".npy";
            List<String> names = texts(members.get(SESSION_MEMBER), sessionSource);
            if (names.size() != 1) {
                throw new RecordingFormatException(sessionSource, "holds " + names.size()
                        + " values, expected one session name");
            }
            session = names.get(0);
        }
        return RecordedResponses.of(array.data(), shape, ids, session, source);
    }

    /** A text array as is, or an integer array as decimal strings. */
    private static List<String> texts(byte[] member, String source) {
        if (NpyText.isText(member)) {
            return NpyText.read(member, source);
        }
        Npy.Doubles values = Npy.readDoubles(member, source);
        if (values.shape().length > 1) {
            throw new RecordingFormatException(source, "has " + values.shape().length + " axes, expected 0 or 1");
        }
        double[] data = values.data();
        String[] texts = new String[data.length];
        for (int i = 0; i < data.length; i++) {
            if (data[i] != Math.rint(data[i]) || Double.isInfinite(data[i])) {
                throw new RecordingFormatException(source, "value " + data[i] + " at index " + i
                        + " is neither an integer nor text");
            }
            texts[i] = Long.toString((long) data[i]);
        }
        return List.of(texts);
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
