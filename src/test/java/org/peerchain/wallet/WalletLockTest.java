package org.peerchain.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Address;

@Timeout(60)
class WalletLockTest {
    private static final char[] PASSWORD = "pw one".toCharArray();

    @TempDir
    Path dir;
    private Path file;
    private byte[] seed;

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void createKeystore() throws Exception {
        file = dir.resolve("wallet.keystore");
        seed = RecoveryPhrase.fromEntropy(new byte[32]).toSeed("");
        Keystore.create(file, PASSWORD.clone(), seed, "", Keystore.MIN_ITERATIONS).close();
    }

    @Test
    void aLockedWalletRefusesKeysInWords() {
        try (WalletLock lock = new WalletLock(file, Clock.systemUTC())) {
            assertFalse(lock.isUnlocked());
            var e = assertThrows(WalletLockedException.class, lock::keyChain);
            assertEquals("the wallet is locked: unlock it with walletpassphrase", e.getMessage());
            assertThrows(WalletLockedException.class, () -> lock.reserveKeyPath(KeyPath.RECEIVE));
        }
    }

    @Test
    void unlockGivesTheSeedsKeysUntilTheDeadlineThenWipesThem() throws Exception {
        TestClock clock = new TestClock();
        try (WalletLock lock = new WalletLock(file, clock)) {
            lock.unlock(PASSWORD.clone(), Duration.ofSeconds(60));
            KeyChain chain = lock.keyChain();
            try (KeyChain expected = KeyChain.fromSeed(seed)) {
                assertEquals(expected.address(0x37, KeyPath.receive(0)), chain.address(0x37, KeyPath.receive(0)));
            }
            assertEquals(Instant.parse("2026-01-01T00:01:00Z"), lock.unlockedUntil().orElseThrow());
            clock.advance(Duration.ofSeconds(59));
            assertTrue(lock.isUnlocked());
            clock.advance(Duration.ofSeconds(1));
            assertFalse(lock.isUnlocked());
            assertTrue(chain.isDestroyed());
            assertThrows(WalletLockedException.class, () -> chain.keyPair(KeyPath.receive(0)));
            assertTrue(lock.unlockedUntil().isEmpty());
        }
    }

    @Test
    void theRelockThreadLocksWithoutAnyCallWhenTheTimeIsUp() throws Exception {
        try (WalletLock lock = new WalletLock(file, Clock.systemUTC())) {
            CountDownLatch locked = new CountDownLatch(1);
            List<String> threads = new CopyOnWriteArrayList<>();
            lock.addListener(unlocked -> {
                if (!unlocked) {
                    threads.add(Thread.currentThread().getName());
                    locked.countDown();
                }
            });
            lock.unlock(PASSWORD.clone(), Duration.ofMillis(200));
            KeyChain chain = lock.keyChain();
            assertTrue(locked.await(10, TimeUnit.SECONDS), "the wallet did not relock");
            assertTrue(chain.isDestroyed());
            assertEquals(List.of(WalletLock.RELOCK_THREAD_NAME), threads);
        }
    }

    @Test
    void walletLockWipesAtOnceAndAWrongPasswordLeavesItLocked() throws Exception {
        try (WalletLock lock = new WalletLock(file, Clock.systemUTC())) {
            assertThrows(WrongPasswordException.class, () -> lock.unlock("nope".toCharArray(), Duration.ofSeconds(5)));
            assertFalse(lock.isUnlocked());
            lock.unlock(PASSWORD.clone(), Duration.ofSeconds(600));
            KeyChain chain = lock.keyChain();
            lock.lock();
            assertFalse(lock.isUnlocked());
            assertTrue(chain.isDestroyed());
        }
    }

    @Test
    void reservedKeyPathsAdvanceAndPersist() throws Exception {
        try (WalletLock lock = new WalletLock(file, Clock.systemUTC())) {
            lock.unlock(PASSWORD.clone(), Duration.ofSeconds(600));
            assertEquals(KeyPath.receive(0), lock.reserveKeyPath(KeyPath.RECEIVE));
            assertEquals(KeyPath.receive(1), lock.reserveKeyPath(KeyPath.RECEIVE));
            Address a = lock.keyChain().address(0x37, KeyPath.receive(1));
            assertEquals(a, Address.parse(a.encode(), 0x37));
        }
        try (Keystore ks = Keystore.open(file, PASSWORD.clone())) {
            assertEquals(new KeyChainCounters(2, 0), ks.counters());
        }
    }

    @Test
    void passphraseChangeWorksLockedOrUnlockedAndChecksTheOldOne() throws Exception {
        try (WalletLock lock = new WalletLock(file, Clock.systemUTC())) {
            assertThrows(WrongPasswordException.class,
                    () -> lock.changePassphrase("bad".toCharArray(), "pw two".toCharArray()));
            lock.changePassphrase(PASSWORD.clone(), "pw two".toCharArray());
            assertFalse(lock.isUnlocked());
            lock.unlock("pw two".toCharArray(), Duration.ofSeconds(600));
            lock.changePassphrase("pw two".toCharArray(), "pw three".toCharArray());
            assertTrue(lock.isUnlocked());
            lock.reserveKeyPath(KeyPath.CHANGE);
        }
        try (Keystore ks = Keystore.open(file, "pw three".toCharArray())) {
            assertEquals(new KeyChainCounters(0, 1), ks.counters());
        }
    }

    @Test
    void rejectsAnUnlockTimeOutOfRangeAndShowsNoSecretInToString() throws Exception {
        try (WalletLock lock = new WalletLock(file, Clock.systemUTC())) {
            assertThrows(IllegalArgumentException.class, () -> lock.unlock(PASSWORD.clone(), Duration.ZERO));
            assertThrows(IllegalArgumentException.class,
                    () -> lock.unlock(PASSWORD.clone(), Duration.ofSeconds(WalletLock.MAX_UNLOCK_SECONDS + 1)));
            lock.unlock(PASSWORD.clone(), Duration.ofSeconds(60));
            assertEquals("WalletLock[wallet.keystore, unlocked]", lock.toString());
            assertFalse(lock.keyChain().toString().matches(".*[0-9a-f]{32}.*"));
        }
    }
}
