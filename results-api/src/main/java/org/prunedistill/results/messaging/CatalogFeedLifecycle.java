package org.prunedistill.results.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.config.ResultsApiConfig;

/** Starts the {@link CatalogFeed} when the application starts and stops it when it stops. */
@ApplicationScoped
public class CatalogFeedLifecycle {

    @Inject
    RunCatalog catalog;

    @Inject
    ResultsApiConfig config;

    @Inject
    Config applicationConfig;

    private CatalogFeed feed;

    void start(@Observes StartupEvent started) {
        feed = new CatalogFeed(catalog, kafkaSettings(), config.catalog().clientId());
        feed.start();
    }

    void stop(@Observes ShutdownEvent stopped) throws InterruptedException {
        if (feed != null) {
            feed.close();
        }
    }

    /** Empty while the feed reads; else why it stopped. */
    public String failure() {
        return feed == null ? "" : feed.failure();
    }

    /** Every {@code kafka.*} setting of the application (bootstrap servers, security), as the connector gets them. */
    private Map<String, String> kafkaSettings() {
        Map<String, String> settings = new HashMap<>();
        for (String name : applicationConfig.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                applicationConfig.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring("kafka.".length()), value));
            }
        }
        return settings;
    }
}
