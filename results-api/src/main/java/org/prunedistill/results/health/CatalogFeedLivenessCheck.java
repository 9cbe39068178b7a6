package org.prunedistill.results.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.prunedistill.results.messaging.CatalogFeedLifecycle;

/**
 * Alive while the catalog feed reads the topics: a feed that has stopped (an error it cannot recover from, the heap
 * exhausted) leaves a process that can never become ready or follow new results, so it should be restarted.
 */
@Liveness
@ApplicationScoped
public class CatalogFeedLivenessCheck implements HealthCheck {

    @Inject
    CatalogFeedLifecycle feed;

    @Override
    public HealthCheckResponse call() {
        String failure = feed.failure();
        return HealthCheckResponse.named("catalog feed reading the topics").status(failure.isEmpty())
                .withData("failure", failure).build();
    }
}
