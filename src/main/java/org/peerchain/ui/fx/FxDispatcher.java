package org.peerchain.ui.fx;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * The one road from node threads to the FX thread. Updates are keyed: a newer update for the same key
 * replaces one not yet run, and all pending updates run together in a single {@code runLater}, so a
 * 10,000-block sync costs a handful of FX-thread turns, not 10,000. View-models post here and never call
 * {@code Platform.runLater} themselves.
 */
public final class FxDispatcher {
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-dispatcher-later");
        t.setDaemon(true);
        return t;
    });

    private final Map<Object, Runnable> pending = new LinkedHashMap<>();
    /** For {@link #postAtMost}: when each key last went out ({@link System#nanoTime()}), and what waits its turn. */
    private final Map<Object, Long> lastSent = new HashMap<>();
    private final Map<Object, Runnable> waiting = new HashMap<>();
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

    /**
     * As {@link #post}, and no more often than once every {@code minGapMillis} for this key: an update that comes
     * sooner waits for its turn (a newer one replacing it meanwhile), so the last always arrives. For views whose
     * update rebuilds part of the scene graph (the explorer's table and strip while a sync moves the tip hundreds of
     * times a second): the FX thread then styles and lays out a few times a second instead of at every pulse.
     */
    public void postAtMost(Object key, long minGapMillis, Runnable update) {
        long now = System.nanoTime();
        long wait;
        synchronized (waiting) {
            if (waiting.containsKey(key)) {
                waiting.put(key, update);
                return;
            }
            Long last = lastSent.get(key);
            wait = last == null ? 0 : last + TimeUnit.MILLISECONDS.toNanos(minGapMillis) - now;
            if (wait > 0) {
                waiting.put(key, update);
            } else {
                lastSent.put(key, now);
            }
        }
        if (wait <= 0) {
            post(key, update);
            return;
        }
        LATER.schedule(() -> {
            Runnable next;
            synchronized (waiting) {
                next = waiting.remove(key);
                lastSent.put(key, System.nanoTime());
            }
            if (next != null) {
                post(key, next);
            }
        }, wait, TimeUnit.NANOSECONDS);
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
