package org.prunedistill.results.domain;

/**
 * Where the catalog keeps the bytes of every result it holds, so that its heap holds only an index (a run's status
 * needs counts, not bodies) and a long history fits a small heap. Bodies are read back when a query asks for a run's
 * results.
 */
public interface ResultBodies {

    /** Keeps a body; the location reads it back. */
    Location store(byte[] body);

    /** The bytes stored at the location. */
    byte[] read(Location location);

    /** Where one body lies: {@code length} bytes from {@code position}. */
    record Location(long position, int length) {
    }
}
