package org.prunedistill.results.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.results.domain.ResultBodies;

class SpillFileTest {

    @TempDir
    Path directory;

    @Test
    void readsBackEveryBodyWhetherStillBufferedOrWrittenAndOfAnySize() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> bodies = new ArrayList<>();
        List<ResultBodies.Location> locations = new ArrayList<>();
        try (SpillFile file = SpillFile.createIn(directory)) {
            // Small bodies that stay in the buffer, some that fill it, and two larger than it.
            for (int length : new int[] {0, 1, 1400, 700_000, 500_000, 3_000_000, 1, 2_000_000, 1400}) {
                byte[] body = new byte[length];
                random.nextBytes(body);
                bodies.add(body);
                locations.add(file.store(body));
                assertArrayEquals(body, file.read(locations.get(locations.size() - 1)), "read at once");
            }
            for (int i = 0; i < bodies.size(); i++) {
                assertArrayEquals(bodies.get(i), file.read(locations.get(i)), "body " + i);
            }
            assertEquals(bodies.stream().mapToLong(body -> body.length).sum(), file.size());
        }
    }

    @Test
    void leavesNothingBehindWhenClosed() throws Exception {
        Path path;
        try (SpillFile file = SpillFile.createIn(directory.resolve("spill"))) {
            file.store(new byte[] {1, 2, 3});
            path = file.path();
        }
        assertFalse(Files.exists(path));
    }
}
