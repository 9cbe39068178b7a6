package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    private static final ServiceSpec ID_ESTIMATOR = ServiceSpec.DEFAULTS.stream()
            .filter(spec -> spec.name().equals("id-estimator")).findFirst().orElseThrow();

    @Test
    void theIdEstimatorRunsTheNeighbourSearchWithItsSettings() {
        assertEquals(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", "OPENBLAS_THREAD_TIMEOUT", "4",
                "JDK_JAVA_OPTIONS", "--add-modules=ALL-SYSTEM"), ID_ESTIMATOR.settingsOver(Map.of("PATH", "/usr/bin")));
    }

    @Test
    void settingsReplaceTheEnvironmentButListsAreKeptAndExtended() {
        Map<String, String> environment = Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2",
                "OPENBLAS_THREAD_TIMEOUT", "28", "JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=/scratch");
        assertEquals(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1",
                "OPENBLAS_THREAD_TIMEOUT", "4",
                "JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=/scratch --add-modules=ALL-SYSTEM"),
                ID_ESTIMATOR.settingsOver(environment));
        assertEquals(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", "OPENBLAS_THREAD_TIMEOUT", "4",
                "JDK_JAVA_OPTIONS", "--add-modules=ALL-SYSTEM"),
                ID_ESTIMATOR.settingsOver(Map.of("GLIBC_TUNABLES", " ", "JDK_JAVA_OPTIONS", "")));
    }

    @Test
    void aServiceWithoutTheSettingLeavesTheTunablesAlone() {
        ServiceSpec infoDecoder = ServiceSpec.DEFAULTS.stream().filter(spec -> spec.name().equals("info-decoder"))
                .findFirst().orElseThrow();
        assertEquals(Map.of(), infoDecoder.settingsOver(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")));
    }
}
