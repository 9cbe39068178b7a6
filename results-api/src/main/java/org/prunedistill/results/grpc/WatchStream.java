package org.prunedistill.results.grpc;

import io.grpc.stub.ServerCallStreamObserver;

/**
 * One server stream that follows catalog changes: serialises sends from the threads that apply events, and
 * unregisters from the catalog when the stream ends or the client cancels.
 */
final class WatchStream<T> {

    private final ServerCallStreamObserver<T> stream;
    private Runnable unregister = () -> { };
    private boolean closed;

    WatchStream(ServerCallStreamObserver<T> stream) {
        this.stream = stream;
        stream.setOnCancelHandler(this::close);
    }

    synchronized void attach(Runnable unregisterFromCatalog) {
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
