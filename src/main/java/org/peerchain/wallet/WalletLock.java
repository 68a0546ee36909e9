package org.peerchain.wallet;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The wallet's lock, as bitcoind's {@code walletpassphrase}, {@code walletlock} and
 * {@code walletpassphrasechange}: unlocking opens the keystore and holds its secrets for a while; when the
 * time is up (or on {@link #lock()}) they are wiped. Expiry is checked against the {@link Clock} on every use,
 * and a named daemon thread also relocks at the deadline so secrets do not linger when nobody asks.
 */
public final class WalletLock implements AutoCloseable {
    /** bitcoind's cap on an unlock's duration: about three years. */
    public static final long MAX_UNLOCK_SECONDS = 100_000_000L;
    static final String RELOCK_THREAD_NAME = "peerchain-wallet-relock";

    private final Path keystoreFile;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private Keystore keystore;
    private KeyChain keyChain;
    private Instant unlockedUntil;
    private ScheduledFuture<?> relock;

    public WalletLock(Path keystoreFile, Clock clock) {
        this.keystoreFile = keystoreFile;
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, RELOCK_THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Called with {@code true} on unlock and {@code false} on lock, on the thread that caused the change. */
    public void addListener(Consumer<Boolean> onUnlockedChanged) {
        listeners.add(onUnlockedChanged);
    }

    /**
     * Unlocks for {@code duration} (1 s to {@value #MAX_UNLOCK_SECONDS} s). Unlocking again while unlocked sets
     * a new deadline, as bitcoind does.
     */
    public void unlock(char[] password, Duration duration) throws IOException, KeystoreException {
        if (duration.isNegative() || duration.isZero() || duration.getSeconds() > MAX_UNLOCK_SECONDS) {
            throw new IllegalArgumentException("the unlock time must be between 1 and " + MAX_UNLOCK_SECONDS
                    + " seconds, got " + duration.getSeconds());
        }
        Keystore opened = Keystore.open(keystoreFile, password);
        boolean changed;
        synchronized (this) {
            changed = keystore == null;
            wipe();
            keystore = opened;
            keyChain = opened.keyChain();
            unlockedUntil = clock.instant().plus(duration);
            relock = timer.schedule(this::onRelockTimer, duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (changed) {
            notifyListeners(true);
        }
    }

    /** Wipes the secrets now ({@code walletlock}). Locking a locked wallet does nothing. */
    public void lock() {
        boolean changed;
        synchronized (this) {
            changed = keystore != null;
            wipe();
        }
        if (changed) {
            notifyListeners(false);
        }
    }

    public boolean isUnlocked() {
        lockIfExpired();
        synchronized (this) {
            return keystore != null;
        }
    }

    /** When the wallet relocks, if it is unlocked. */
    public synchronized Optional<Instant> unlockedUntil() {
        return keystore == null || !clock.instant().isBefore(unlockedUntil) ? Optional.empty()
                : Optional.of(unlockedUntil);
    }

    /** The wallet's keys, while unlocked; wiped at the next lock (then every call on it says so). */
    public KeyChain keyChain() {
        lockIfExpired();
        synchronized (this) {
            if (keyChain == null) {
                throw new WalletLockedException();
            }
            return keyChain;
        }
    }

    /** Hands out the next receive or change key path, saving the counter in the keystore. */
    public KeyPath reserveKeyPath(int chain) throws IOException {
        lockIfExpired();
        synchronized (this) {
            if (keystore == null) {
                throw new WalletLockedException();
            }
            return keystore.reserve(chain);
        }
    }

    /**
     * Changes the keystore's password ({@code walletpassphrasechange}); works locked or unlocked and leaves the
     * lock state as it was.
     */
    public void changePassphrase(char[] oldPassword, char[] newPassword) throws IOException, KeystoreException {
        lockIfExpired();
        synchronized (this) {
            if (keystore != null) {
                keystore.changePassword(oldPassword, newPassword);
                return;
            }
        }
        try (Keystore ks = Keystore.open(keystoreFile, oldPassword)) {
            ks.changePassword(oldPassword, newPassword);
        }
    }

    /** Locks and stops the relock thread. */
    @Override
    public void close() {
        lock();
        timer.shutdownNow();
    }

    @Override
    public synchronized String toString() {
        return "WalletLock[" + keystoreFile.getFileName() + ", " + (keystore == null ? "locked" : "unlocked") + "]";
    }

    private void lockIfExpired() {
        boolean changed = false;
        synchronized (this) {
            if (keystore != null && !clock.instant().isBefore(unlockedUntil)) {
                wipe();
                changed = true;
            }
        }
        if (changed) {
            notifyListeners(false);
        }
    }

    private void onRelockTimer() {
        synchronized (this) {
            if (keystore != null && clock.instant().isBefore(unlockedUntil)) {
                // Early by this clock (a test clock, or the system clock was set back): wait for the rest.
                long ms = Math.max(1, Duration.between(clock.instant(), unlockedUntil).toMillis());
                relock = timer.schedule(this::onRelockTimer, ms, TimeUnit.MILLISECONDS);
                return;
            }
        }
        lockIfExpired();
    }

    private void wipe() {
        if (relock != null) {
            relock.cancel(false);
            relock = null;
        }
        if (keyChain != null) {
            keyChain.destroy();
            keyChain = null;
        }
        if (keystore != null) {
            keystore.close();
            keystore = null;
        }
        unlockedUntil = null;
    }

    private void notifyListeners(boolean unlocked) {
        for (Consumer<Boolean> l : listeners) {
            l.accept(unlocked);
        }
    }
}
