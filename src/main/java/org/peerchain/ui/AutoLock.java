package org.peerchain.ui;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Locks the wallet after the window has had no mouse or key input for the chosen time (Settings: automatic lock).
 * The window calls {@link #touch()} on input and {@link #check()} from a timer; {@link #check()} calls the lock once
 * per idle stretch. Pure logic over a clock, so the rule is tested without waiting.
 */
final class AutoLock {
    /** How often the window asks {@link #check()}: an idle wallet locks at most this late. */
    static final long CHECK_EVERY_MILLIS = 15_000;

    private final IntSupplier minutes;
    private final LongSupplier nowMillis;
    private final Runnable lock;
    private long lastInput;
    private boolean lockedSinceInput;

    /**
     * @param minutes the idle minutes after which to lock, read at each check; 0 or less: never
     * @param lock locks the wallet (the caller runs it off the FX thread)
     */
    AutoLock(IntSupplier minutes, LongSupplier nowMillis, Runnable lock) {
        this.minutes = minutes;
        this.nowMillis = nowMillis;
        this.lock = lock;
        this.lastInput = nowMillis.getAsLong();
    }

    /** The user did something. */
    void touch() {
        lastInput = nowMillis.getAsLong();
        lockedSinceInput = false;
    }

    /** Locks if the window has been idle long enough; true when it locked now. */
    boolean check() {
        int m = minutes.getAsInt();
        if (m <= 0 || lockedSinceInput || nowMillis.getAsLong() - lastInput < m * 60_000L) {
            return false;
        }
        lockedSinceInput = true;
        lock.run();
        return true;
    }
}
