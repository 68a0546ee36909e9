package org.peerchain.ui.fx;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the desktop's view-models run work that touches the node (reads that hit SQLite, commands that wait for
 * threads): off the FX thread, on named daemon threads, reporting back through the {@link FxDispatcher}.
 */
public final class Background {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ui-work-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Background() {
    }

    /** Runs {@code work} on a background thread; an exception is logged by the thread's handler, never lost silently. */
    public static void run(Runnable work) {
        POOL.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Background.class).error("Background work failed", e);
            }
        });
    }
}
