package org.peerchain.p2p;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of recently seen hashes (a peer's known blocks or transactions): the oldest entry goes
 * when it is full. Thread-safe.
 */
final class KnownSet<T> {
    private final Map<T, Boolean> map;

    KnownSet(int capacity) {
        this.map = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Adds {@code t}; true when it was not there before. */
    synchronized boolean add(T t) {
        return map.put(t, Boolean.TRUE) == null;
    }

    synchronized boolean contains(T t) {
        return map.containsKey(t);
    }

    synchronized void clear() {
        map.clear();
    }
}
