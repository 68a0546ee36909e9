package org.peerchain.ui.fx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * The one road from node threads to the FX thread. Updates are keyed: a newer update for the same key
 * replaces one not yet run, and all pending updates run together in a single {@code runLater}, so a
 * 10,000-block sync costs a handful of FX-thread turns, not 10,000. View-models post here and never call
 * {@code Platform.runLater} themselves.
 */
public final class FxDispatcher {
    private final Map<Object, Runnable> pending = new LinkedHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runner runner;

    /** How the batch reaches the FX thread: {@code Platform::runLater} in the app, direct in unit tests. */
    @FunctionalInterface
    public interface Runner {
        void run(Runnable batch);
    }

    public FxDispatcher() {
        this(Platform::runLater);
    }

    public FxDispatcher(Runner runner) {
        this.runner = runner;
    }

    /**
     * A coalescing key that belongs to one view-model: two view-models posting under the same name never replace
     * each other's updates.
     */
    public record Key(Object owner, String name) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.owner == owner && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(owner) * 31 + name.hashCode();
        }
    }

    /** The key {@code name} of {@code owner} (a view-model). */
    public static Key key(Object owner, String name) {
        return new Key(owner, name);
    }

    /** Runs {@code update} on the FX thread soon, unless a newer update with the same key replaces it first. */
    public void post(Object key, Runnable update) {
        synchronized (pending) {
            pending.remove(key);
            pending.put(key, update);
        }
        if (scheduled.compareAndSet(false, true)) {
            runner.run(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Runnable[] batch;
        synchronized (pending) {
            batch = pending.values().toArray(Runnable[]::new);
            pending.clear();
        }
        for (Runnable r : batch) {
            r.run();
        }
    }
}
