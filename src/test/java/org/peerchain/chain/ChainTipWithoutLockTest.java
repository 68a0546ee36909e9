package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.KeyHash;
import org.peerchain.events.EventBus;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

/**
 * The tip and the height answer while another thread holds the chain's lock (a connect, a batch's commit): the
 * window asks for them on its own thread, which must never wait for the node (DESIGN.md section 4).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChainTipWithoutLockTest {
    private static final KeyHash MINER = RegtestBlocks.keyHash(RegtestBlocks.key("tip miner"));

    @TempDir
    Path dir;

    private final ExecutorService verifiers = RegtestChain.verifierThreads();
    private ChainState chain;

    @AfterEach
    void close() {
        if (chain != null) {
            chain.close();
        }
        verifiers.shutdownNow();
    }

    @Test
    void tipAndHeightAnswerWhileTheLockIsHeldAndFollowEveryConnect() throws Exception {
        chain = ChainState.open(dir, ChainParams.REGTEST, new EventBus(), verifiers, () -> RegtestChain.DEFAULT_CLOCK);
        List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(5, MINER, 0);
        for (Block b : blocks) {
            chain.processBlock(b);
            assertEquals(b.header().hash(), chain.tip().hash(), "the tip follows each connect");
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            chain.lock().lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                chain.lock().unlock();
            }
        }, "lock-holder");
        holder.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            CompletableFuture<int[]> read = CompletableFuture.supplyAsync(
                    () -> new int[] {chain.height(), chain.tip().height()});
            int[] seen = read.get(5, TimeUnit.SECONDS); // before the change this waited for the holder
            assertEquals(5, seen[0]);
            assertEquals(5, seen[1]);
        } finally {
            release.countDown();
            holder.join(10_000);
        }
    }
}
