package org.prunedistill.extraction.stimuli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.prunedistill.claimcheck.Sha256;

/**
 * Content address of a stimulus set: a SHA-256 over its complete definition, so a stored set can be found again by
 * every run that asks for the same thing, and any change of definition gives a new address.
 *
 * <p>Hashed, in order, each field as a 4-byte big-endian length followed by its bytes: the format tag
 * {@value #FORMAT}, the set name, then for a procedural set every {@code key=value} parameter (including the
 * renderer version) and the seed; for a user set the image size, the channel count, the CSV bytes and every image
 * file's bytes in condition order. Length prefixes make the encoding unambiguous (no two definitions share a byte
 * stream). The result is 64 lower-case hex characters.
 */
public final class StimulusSetHash {

    /** Tag of this encoding; changing the encoding must change the tag. */
    public static final String FORMAT = "prune-distill/stimulus-set/v1";

    private StimulusSetHash() {
    }

    /** Address of the rat object set as configured, rendered with this seed. */
    public static String of(RatObjectStimulusSet set, long seed) {
        Objects.requireNonNull(set, "set");
        return procedural(RatObjectStimulusSet.NAME, set.parameters(), seed);
    }

    /** Address of a user set: its images and CSV byte for byte, plus the requested size and channels. */
    public static String of(UserStimulusSet set) {
        Objects.requireNonNull(set, "set");
        MessageDigest digest = Sha256.newDigest();
        field(digest, FORMAT.getBytes(StandardCharsets.UTF_8));
        field(digest, UserStimulusSet.NAME.getBytes(StandardCharsets.UTF_8));
        field(digest, ("image_size=" + set.imageSize()).getBytes(StandardCharsets.UTF_8));
        field(digest, ("channels=" + set.channels()).getBytes(StandardCharsets.UTF_8));
        field(digest, set.csvBytes());
        for (byte[] image : set.imageBytes()) {
            field(digest, image);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Address of any procedural set from its name, its parameters (iterated in the map's order) and its seed.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static String procedural(String name, Map<String, String> parameters, long seed) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        MessageDigest digest = Sha256.newDigest();
        field(digest, FORMAT.getBytes(StandardCharsets.UTF_8));
        field(digest, name.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            field(digest, (p.getKey() + "=" + p.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        field(digest, ("seed=" + seed).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

}
