package org.peerchain.ui.fx;

import java.util.function.Consumer;

/**
 * A screen's updates on their way to the FX thread, let through only while the screen is shown. The dispatcher sends
 * in batches, so an update posted just before a screen was hidden would otherwise still reach it (a hidden table
 * getting its first rows costs as much as a shown one); a screen shown again reads its state afresh anyway.
 * Used on the FX thread only, like the view-model it belongs to.
 */
public final class ShownGate {
    private final FxDispatcher dispatcher;
    private final Object owner;
    private boolean shown;

    /** @param owner the view-model: the dispatcher's coalescing keys are its own */
    public ShownGate(FxDispatcher dispatcher, Object owner) {
        this.dispatcher = dispatcher;
        this.owner = owner;
    }

    /** The screen is shown: updates pass. */
    public void open() {
        shown = true;
    }

    /** The screen is hidden: updates still on their way, and later ones, are dropped. */
    public void close() {
        shown = false;
    }

    public boolean isOpen() {
        return shown;
    }

    /** As {@link FxDispatcher#post}, run only if the screen is shown when it arrives. */
    public void post(String key, Runnable update) {
        dispatcher.post(FxDispatcher.key(owner, key), () -> runIfShown(update));
    }

    /** As {@link FxDispatcher#postAtMost}, run only if the screen is shown when it arrives. */
    public void postAtMost(String key, long minGapMillis, Runnable update) {
        dispatcher.postAtMost(FxDispatcher.key(owner, key), minGapMillis, () -> runIfShown(update));
    }

    /** {@code then}, called only if the screen is shown (for results handed back on the FX thread). */
    public <T> Consumer<T> ifShown(Consumer<T> then) {
        return value -> {
            if (shown) {
                then.accept(value);
            }
        };
    }

    private void runIfShown(Runnable update) {
        if (shown) {
            update.run();
        }
    }
}
