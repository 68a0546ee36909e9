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
 * 10,000-block sync costs a handful of FX-thread turns, not 10,000. Batches leave at most once every
 * {@link #BATCH_GAP_MILLIS} in the app: while blocks arrive hundreds of times a second (a sync, a regtest miner) the
 * FX thread styles, lays out and draws what changed ten times a second instead of at every pulse, which a person
 * reading the numbers cannot tell apart, and its pulses stay on time. View-models post here and never call
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
    /** In the app, the least time between two batches: ten a second. */
    public static final long BATCH_GAP_MILLIS = 100;

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private final Runner runner;
    private final long batchGapNanos;
    /** When the last batch started to run ({@link System#nanoTime()}); written on the thread that runs batches. */
    private volatile long lastDrain = System.nanoTime() - Long.MAX_VALUE / 4;

    /** How the batch reaches the FX thread: {@code Platform::runLater} in the app, direct in unit tests. */
    @FunctionalInterface
    public interface Runner {
        void run(Runnable batch);
    }

    public FxDispatcher() {
        this(Platform::runLater, BATCH_GAP_MILLIS);
    }

    /** Batches go out through {@code runner} as soon as there is one (unit tests). */
    public FxDispatcher(Runner runner) {
        this(runner, 0);
    }

    /** Batches go out through {@code runner}, at most once every {@code batchGapMillis}. */
    public FxDispatcher(Runner runner, long batchGapMillis) {
        this.runner = runner;
        this.batchGapNanos = TimeUnit.MILLISECONDS.toNanos(batchGapMillis);
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
        if (closed) {
            return;
        }
        synchronized (pending) {
            pending.remove(key);
            pending.put(key, update);
        }
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastDrain + batchGapNanos - System.nanoTime();
            if (wait <= 0) {
                runner.run(this::drain);
            } else {
                LATER.schedule(() -> runner.run(this::drain), wait, TimeUnit.NANOSECONDS);
            }
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

    /**
     * The window this dispatcher serves is closing: updates not yet run are dropped and later ones ignored, so a batch
     * that was waiting its turn cannot touch a window, or a stage reused by the next window, after it closed.
     */
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.clear();
        }
    }

    private void drain() {
        lastDrain = System.nanoTime();
        scheduled.set(false);
        if (closed) {
            return;
        }
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
