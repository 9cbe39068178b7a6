package org.prunedistill.results.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.domain.RunState;

/**
 * One server stream that follows catalog changes: serialises sends from the threads that apply events, and
 * unregisters from the catalog when the stream ends or the client cancels.
 */
final class WatchStream<T> {

    private final ServerCallStreamObserver<T> stream;
    private Runnable unregister = () -> { };
    private boolean closed;

    private WatchStream(ServerCallStreamObserver<T> stream) {
        this.stream = stream;
        stream.setOnCancelHandler(this::close);
    }

    /**
     * Follows one run, the one mechanism of every watch RPC: {@code update} is called with the run as it is now and
     * again after each change of it until the stream ends. It is registered under the run's lock before the first
     * message, so no change can fall between the two. An unknown run (or a catalog still catching up) ends the call
     * with the status {@link GrpcErrors} gives it.
     */
    @SuppressWarnings("unchecked")
    static <T> void follow(Supplier<RunState> find, RunCatalog catalog, StreamObserver<T> response,
                           BiConsumer<WatchStream<T>, RunState> update) {
        RunState run;
        try {
            run = find.get();
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
            return;
        }
        WatchStream<T> watch = new WatchStream<>((ServerCallStreamObserver<T>) response);
        String runId = run.runId();
        synchronized (run) {
            watch.attach(catalog.watch(changed -> {
                if (changed.runId().equals(runId)) {
                    update.accept(watch, changed);
                }
            }));
            update.accept(watch, run);
        }
    }

    private synchronized void attach(Runnable unregisterFromCatalog) {
        this.unregister = unregisterFromCatalog;
        if (closed) {
            unregister.run();
        }
    }

    /** Sends one message; {@code last} completes the stream after it. */
    synchronized void send(T message, boolean last) {
        if (closed) {
            return;
        }
        if (stream.isCancelled()) {
            close();
            return;
        }
        stream.onNext(message);
        if (last) {
            close();
            stream.onCompleted();
        }
    }

    /** Completes the stream. */
    synchronized void finish() {
        if (!closed) {
            close();
            stream.onCompleted();
        }
    }

    private synchronized void close() {
        closed = true;
        unregister.run();
    }
}
