package org.peerchain.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.WalletService;
import org.peerchain.node.api.WalletServiceException;

@Timeout(60)
class AutoLockTest {
    private static final char[] PASSWORD = "auto lock password".toCharArray();

    @TempDir
    Path dir;

    @Test
    void locksOnceAfterTheIdleMinutesAndInputStartsTheClockAgain() {
        AtomicLong now = new AtomicLong(1_000_000);
        AtomicInteger minutes = new AtomicInteger(5);
        AtomicInteger locks = new AtomicInteger();
        AutoLock a = new AutoLock(minutes::get, now::get, locks::incrementAndGet);
        now.addAndGet(4 * 60_000);
        assertFalse(a.check(), "four idle minutes of five");
        a.touch();
        now.addAndGet(4 * 60_000);
        assertFalse(a.check(), "input started the clock again");
        now.addAndGet(60_000);
        assertTrue(a.check());
        now.addAndGet(60_000);
        assertFalse(a.check(), "once per idle stretch");
        assertEquals(1, locks.get());
        minutes.set(0);
        a.touch();
        now.addAndGet(24 * 3_600_000L);
        assertFalse(a.check(), "never");
    }

    @Test
    void theLockItCallsLocksARealUnlockedWallet() throws WalletServiceException, Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            WalletService wallet = node.services().wallet();
            wallet.create(PASSWORD.clone(), "");
            wallet.unlock(PASSWORD.clone(), Duration.ofHours(1));
            assertFalse(wallet.state().locked());
            AtomicLong now = new AtomicLong();
            AutoLock a = new AutoLock(() -> 1, now::get, () -> {
                try {
                    wallet.lock();
                } catch (WalletServiceException e) {
                    throw new IllegalStateException(e);
                }
            });
            now.addAndGet(61_000);
            assertTrue(a.check());
            assertTrue(wallet.state().locked());
        }
    }
}
