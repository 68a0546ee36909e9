package org.peerchain.tracker.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Merges bursts of "something changed" into one run of {@code drain} on the UI executor: however many
 * times {@link #request()} is called, at most one drain is queued at a time, so a flood of registry
 * events costs one FX-thread update per pulse, not one per event.
 */
final class CoalescingDispatcher {
    private final Executor uiExecutor;
    private final Runnable drain;
    private final AtomicBoolean queued = new AtomicBoolean();

    CoalescingDispatcher(Executor uiExecutor, Runnable drain) {
        this.uiExecutor = uiExecutor;
        this.drain = drain;
    }

    void request() {
        if (queued.compareAndSet(false, true)) {
            uiExecutor.execute(() -> {
                queued.set(false);
                drain.run();
            });
        }
    }
}
