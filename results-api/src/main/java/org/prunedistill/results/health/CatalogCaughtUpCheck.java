package org.prunedistill.results.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.domain.CatchUp;

/**
 * Ready means caught up: DOWN until the catalog has applied every record that was on the topics when results-api
 * started, so a load balancer or Kubernetes never sends a query to an instance that would call a run unknown or show
 * part of it. Shows the records applied of the total.
 */
@Readiness
@ApplicationScoped
public class CatalogCaughtUpCheck implements HealthCheck {

    static final String NAME = "catalog caught up with the topics";

    @Inject
    RunCatalog catalog;

    @Override
    public HealthCheckResponse call() {
        CatchUp progress = catalog.catchUp();
        return HealthCheckResponse.named(NAME).status(progress.caughtUp())
                .withData("applied", progress.applied())
                .withData("total", progress.total())
                .withData("state", progress.describe())
                .build();
    }
}
