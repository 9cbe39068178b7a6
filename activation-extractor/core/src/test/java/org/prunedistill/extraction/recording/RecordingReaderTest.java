package org.prunedistill.extraction.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;

/**
 * Reads the fixtures of {@code src/test/python/make_recording_fixtures.py}, where every value is
 * {@code offset + 100 unit + 10 condition + trial}, and damaged copies made here.
 */
class RecordingReaderTest {

    private static final RecordingReader READER = RecordingReader.withDefaults();
    private static final int HDF5_TRUNCATION_STRIDE = 211;
    private static final int CORRUPTIONS = 40;

    static byte[] fixture(String name) {
        try (InputStream in = RecordingReaderTest.class.getResourceAsStream("/recordings/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource recordings/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecordedResponses read(String name) {
        return READER.read(fixture(name), name);
    }

    private static IllegalArgumentException refused(byte[] bytes, String name) {
        return assertThrows(IllegalArgumentException.class, () -> READER.read(bytes, name));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void readsNpyKeepingTheNanTrialsWhereTheScriptPutThem() {
        RecordedResponses responses = read("nan_trials.npy");
        assertArrayEquals(new int[] {3, 4, 5}, responses.shape());
        assertEquals(214f, responses.value(2, 1, 4));
        assertEquals(0f, responses.value(0, 0, 0));
        assertTrue(Float.isNaN(responses.value(0, 1, 2)));
        assertTrue(Float.isNaN(responses.value(2, 3, 0)));
        assertTrue(Float.isNaN(responses.value(2, 3, 1)));
        assertEquals(3, responses.missingTrials());
        assertEquals(3, responses.validTrials(2, 3));
        assertEquals(List.of("0", "1", "2"), responses.unitIds());
    }

    @Test
    void dropsTheAllNanUnitOfAFloat64NpyAndRecordsIt() {
        RecordedResponses responses = read("silent_unit_f64.npy");
        assertEquals(List.of("0", "2"), responses.unitIds());
        assertEquals(List.of("1"), responses.droppedUnitIds());
        assertEquals(211.5f, responses.value(1, 1, 1));
    }

    @Test
    void readsIntegerSpikeCounts() {
        RecordedResponses responses = read("counts_i4.npy");
        assertArrayEquals(new int[] {2, 3, 4}, responses.shape());
        assertEquals(123f, responses.value(1, 2, 3));
    }

    @Test
    void readsAStoredNpzWithUnitIdsAndSession() {
        RecordedResponses responses = read("session_stored.npz");
        assertArrayEquals(new int[] {2, 3, 4}, responses.shape());
        assertEquals(List.of("11", "42"), responses.unitIds());
        assertEquals("rat1-day1", responses.session());
        assertEquals(122f, responses.value(1, 2, 2));
        assertTrue(Float.isNaN(responses.value(1, 2, 3)));
        assertEquals(1, responses.missingTrials());
    }

    @Test
    void readsACompressedNpzWithTextUnitIds() {
        RecordedResponses responses = read("session_compressed.npz");
        assertArrayEquals(new int[] {3, 2, 3}, responses.shape());
        assertEquals(List.of("V1-a", "V1-b", "LM-c"), responses.unitIds());
        assertEquals("rat2", responses.session());
        assertEquals(213f, responses.value(2, 1, 2));
        assertEquals(1f, responses.value(0, 0, 0));
    }

    @Test
    void listsTheMembersPresentWhenTheResponsesMemberIsMissing() {
        IllegalArgumentException e = refused(fixture("spikes_member.npz"), "spikes_member.npz");
        assertMentions(e, "spikes_member.npz", "no member 'responses'", "members present: spikes, stimulus");
    }

    @Test
    void readsAConfiguredResponsesMember() {
        RecordedResponses responses = READER.withResponsesMember("spikes").read(fixture("spikes_member.npz"), "s");
        assertArrayEquals(new int[] {1, 2, 2}, responses.shape());
        assertEquals(11f, responses.value(0, 1, 1));
    }

    @Test
    void readsAnNwbLikeHdf5File() {
        RecordedResponses responses = read("nwb_like.h5");
        assertArrayEquals(new int[] {3, 2, 4}, responses.shape());
        assertEquals(List.of("5", "6", "7"), responses.unitIds());
        assertEquals("rat3-day2", responses.session());
        assertEquals(212f, responses.value(2, 1, 2));
        assertTrue(Float.isNaN(responses.value(2, 1, 3)));
        assertEquals(1, responses.missingTrials());
    }

    @Test
    void readsTheProjectConventionHdf5Layout() {
        RecordedResponses responses = read("prune_distill.h5");
        assertArrayEquals(new int[] {2, 2, 3}, responses.shape());
        assertEquals(List.of("LL-1", "LL-2"), responses.unitIds());
        assertEquals("rat4", responses.session());
        assertEquals(112.25f, responses.value(1, 1, 2));
    }

    @Test
    void refusesAnotherHdf5LayoutListingTheDatasetsFound() {
        IllegalArgumentException e = refused(fixture("other_layout.h5"), "other.nwb");
        assertMentions(e, "other.nwb", "/prune_distill/responses", "/processing/ecephys/spike_counts/data",
                "/acquisition/ElectricalSeries/data [4, 2]", "/stimulus/presentation/times [3]");
    }

    @Test
    void readsAPathNamingItInErrors(@TempDir Path directory) throws IOException {
        Path good = Files.write(directory.resolve("area.nwb"), fixture("nwb_like.h5"));
        assertEquals("rat3-day2", READER.read(good).session());
        Path bad = Files.write(directory.resolve("area.npz"), Arrays.copyOf(fixture("session_stored.npz"), 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> READER.read(bad));
        assertMentions(e, bad.toString(), "truncated .npz");
    }

    @Test
    void dispatchesOnContentNotOnTheExtension() {
        assertArrayEquals(new int[] {3, 4, 5}, READER.read(fixture("nan_trials.npy"), "misnamed.h5").shape());
        assertEquals("rat2", READER.read(fixture("session_compressed.npz"), "misnamed.npy").session());
        assertEquals("rat4", READER.read(fixture("prune_distill.h5"), "misnamed.npz").session());
    }

    @Test
    void refusesUnrecognisedContentNamingTheFileAndWhatItsNamePromised() {
        IllegalArgumentException e = refused("hello world".getBytes(), "area/V1.npy");
        assertMentions(e, "area/V1.npy", "68 65 6c 6c", "ends with .npy");
        assertMentions(refused(new byte[0], "empty.nwb"), "empty.nwb: empty file", "HDF5/NWB");
    }

    @Test
    void refusesAnInfiniteValueNamingTheFileUnitConditionAndTrial() {
        float[] data = new float[12];
        data[1 * 6 + 0 * 3 + 2] = Float.NEGATIVE_INFINITY;
        byte[] npy = Npy.write(FloatTensor.ofFloats(data, 2, 2, 3));
        assertMentions(refused(npy, "inf.npy"), "inf.npy", "-Infinity at unit 1 (id 1), condition 0, trial 2");
    }

    @Test
    void refusesUnitIdsThatDoNotMatchTheUnits() {
        byte[] npz = zip(List.of("responses.npy", "unit_ids.npy"), List.of(
                Npy.write(FloatTensor.ofFloats(new float[2], 2, 1, 1)),
                Npy.write(FloatTensor.ofFloats(new float[] {1, 2, 3}, 3))));
        assertMentions(refused(npz, "ids.npz"), "ids.npz:unit_ids.npy", "3 unit ids for 2 units");
    }

    @Test
    void refusesAResponsesMemberOfTheWrongRank() {
        byte[] npz = zip(List.of("responses.npy"), List.of(Npy.write(FloatTensor.ofFloats(new float[4], 2, 2))));
        assertMentions(refused(npz, "flat.npz"), "flat.npz:responses.npy", "shape [2, 2] has rank 2");
    }

    @Test
    void refusesEveryTruncationOfNpyAndNpzWithAClearError() {
        for (String name : List.of("nan_trials.npy", "session_stored.npz", "session_compressed.npz")) {
            byte[] whole = fixture(name);
            for (int length = 0; length < whole.length; length++) {
                IllegalArgumentException e = refused(Arrays.copyOf(whole, length), name);
                assertTrue(e.getMessage().startsWith(name), e.getMessage());
            }
        }
    }

    @Test
    void namesTheMemberOfANpzWhoseCompressedBytesAreCorrupt() {
        byte[] damaged = fixture("session_compressed.npz");
        int member = indexOf(damaged, "unit_ids.npy".getBytes());
        for (int i = member + 40; i < member + 60; i++) {
            damaged[i] ^= (byte) 0x5A;
        }
        assertMentions(refused(damaged, "damaged.npz"), "damaged.npz", "unit_ids.npy");
    }

    @Test
    void refusesTruncatedHdf5WithAClearError() {
        for (String name : List.of("nwb_like.h5", "prune_distill.h5")) {
            byte[] whole = fixture(name);
            for (int length = 0; length < whole.length; length += HDF5_TRUNCATION_STRIDE) {
                IllegalArgumentException e = refused(Arrays.copyOf(whole, length), name);
                assertTrue(e.getMessage().startsWith(name), e.getMessage());
            }
        }
    }

    @Test
    void readsOrRefusesCorruptHdf5ButNeverFailsOtherwise() {
        byte[] whole = fixture("nwb_like.h5");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < CORRUPTIONS; i++) {
            byte[] damaged = whole.clone();
            int start = random.nextInt(whole.length - 16);
            for (int j = start; j < start + 16; j++) {
                damaged[j] = (byte) random.nextInt(256);
            }
            try {
                READER.read(damaged, "corrupt.h5");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("corrupt.h5"), e.getMessage());
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }

    private static byte[] zip(List<String> names, List<byte[]> contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < names.size(); i++) {
                zip.putNextEntry(new ZipEntry(names.get(i)));
                zip.write(contents.get(i));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
