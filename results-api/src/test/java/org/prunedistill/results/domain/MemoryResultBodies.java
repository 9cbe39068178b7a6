package org.prunedistill.results.domain;

import java.util.ArrayList;
import java.util.List;

/** Result bodies in a list, for tests of the catalog without a spill file. */
public final class MemoryResultBodies implements ResultBodies {

    private final List<byte[]> bodies = new ArrayList<>();

    @Override
    public synchronized Location store(byte[] body) {
        bodies.add(body.clone());
        return new Location(bodies.size() - 1, body.length);
    }

    @Override
    public synchronized byte[] read(Location location) {
        return bodies.get((int) location.position()).clone();
    }

    /** Bodies stored so far, replaced ones included. */
    public synchronized int stored() {
        return bodies.size();
    }
}
