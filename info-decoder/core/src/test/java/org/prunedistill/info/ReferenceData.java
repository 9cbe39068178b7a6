package org.prunedistill.info;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.Npy;

/**
 * The reference values of {@code test-support/reference/info} (an independent NumPy implementation that agrees with
 * pyentropy @36bc1d2 and MINT @142e59b; its README says how they were made), relative to the module directory,
 * surefire's working directory.
 */
final class ReferenceData {

    static final Path DIRECTORY = Path.of("../../test-support/reference/info");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceData() {
    }

    static JsonNode analytic() {
        return json("analytic_expected.json");
    }

    static JsonNode binning() {
        return json("binning_expected.json");
    }

    static List<String> analyticCaseNames() {
        List<String> names = new ArrayList<>();
        analytic().fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode expected(String caseName) {
        return analytic().get(caseName).get("expected");
    }

    /** The labels of an analytic case over its declared response and stimulus alphabets. */
    static DiscreteResponses analyticCase(String caseName) {
        JsonNode entry = analytic().get(caseName);
        int[] responses = Npy.read(DIRECTORY.resolve(entry.get("files").get(0).asText())).toInts();
        int[] stimuli = Npy.read(DIRECTORY.resolve(entry.get("files").get(1).asText())).toInts();
        return new DiscreteResponses(responses, stimuli, entry.get("n_response_bins").asInt(),
                entry.get("n_stimuli").asInt());
    }

    static double[] binningValues(String name) {
        return Npy.readDoubles(DIRECTORY.resolve("binning_" + name + ".npy")).data();
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static JsonNode json(String file) {
        try {
            return JSON.readTree(DIRECTORY.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference " + file, e);
        }
    }
}
