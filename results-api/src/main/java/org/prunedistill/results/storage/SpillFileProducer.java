package org.prunedistill.results.storage;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import org.prunedistill.results.config.ResultsApiConfig;

/** The catalog's result bodies ({@code ResultBodies}): a spill file in {@code pd.catalog.spill-directory}. */
public class SpillFileProducer {

    @Produces
    @Singleton
    SpillFile spillFile(ResultsApiConfig config) {
        return SpillFile.createIn(Path.of(config.catalog().spillDirectory()));
    }

    void close(@Disposes SpillFile file) throws IOException {
        file.close();
    }
}
