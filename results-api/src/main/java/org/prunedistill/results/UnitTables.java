package org.prunedistill.results;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Function;
import org.prunedistill.api.v1.UnitTableList;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.results.domain.NoUnitTableException;
import org.prunedistill.results.domain.RunState;
import org.prunedistill.results.domain.UnitTable;
import org.prunedistill.results.domain.UnknownResultException;
import org.prunedistill.results.mapping.UnitTableMapping;

/**
 * The per-unit tables behind the results of a run: which results have one, and a table redeemed from the claim-check
 * store (key, size, SHA-256 and shape verified).
 */
@Singleton
public class UnitTables {

    private final RunQueries queries;
    private final Function<ObjectRef, FloatTensor> tensors;

    @Inject
    UnitTables(RunQueries queries, ObjectStore store) {
        this(queries, ref -> store.withRetry(store.retry().within(callerBudget(store))).fetchTensor(ref));
    }

    /**
     * How long a read may keep retrying while the store is down: until the gRPC caller's deadline when it set one
     * (an answer after it would be thrown away), otherwise {@code pd.retry.max-duration}.
     */
    private static java.time.Duration callerBudget(ObjectStore store) {
        io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
        return deadline == null ? store.retry().maxDuration()
                : java.time.Duration.ofMillis(deadline.timeRemaining(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** Reads tensors with the given function instead of a store (tests). */
    UnitTables(RunQueries queries, Function<ObjectRef, FloatTensor> tensors) {
        this.queries = queries;
        this.tensors = tensors;
    }

    /** @throws org.prunedistill.results.domain.UnknownRunException if no run has the id */
    public UnitTableList list(String runId) {
        RunState run = queries.find(runId);
        synchronized (run) {
            return UnitTableList.newBuilder().setRunId(run.runId())
                    .addAllTables(UnitTableMapping.tables(run.results())).build();
        }
    }

    /**
     * Fetches one table from the store.
     *
     * @throws org.prunedistill.results.domain.UnknownRunException if no run has the id
     * @throws UnknownResultException if the run has no result with the key
     * @throws NoUnitTableException if the result has no per-unit table
     */
    public UnitTable table(String runId, String resultKey) {
        RunState run = queries.find(runId);
        AnalysisResult result;
        synchronized (run) {
            result = run.results().stream().filter(candidate -> candidate.getResultKey().equals(resultKey))
                    .findFirst().orElseThrow(() -> new UnknownResultException(runId, resultKey));
        }
        if (!UnitTableMapping.hasTable(result)) {
            throw new NoUnitTableException(resultKey);
        }
        return new UnitTable(resultKey, UnitTableMapping.columns(result),
                tensors.apply(result.getPerUnitTable().getObject()));
    }
}
