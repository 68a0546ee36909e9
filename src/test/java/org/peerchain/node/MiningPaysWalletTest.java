package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.WalletNodes.PASSWORD;
import static org.peerchain.node.WalletNodes.TEST_ITERATIONS;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.testing.Await;
import org.peerchain.core.KeyHash;
import org.peerchain.wallet.Wallet;
import org.peerchain.wallet.WalletEvent;

@Timeout(60)
class MiningPaysWalletTest {
    @TempDir
    Path dir;

    @Test
    void theMinerPaysTheWalletsMiningAddressWhenNoneIsGiven() throws Exception {
        Wallet.create(dir, ChainParams.REGTEST, PASSWORD, WalletNodes.newPhrase(), "", false, TEST_ITERATIONS);
        NodeConfig config = NodeConfig.regtest(dir).withMining(new MiningConfig(true, 1, null));
        try (Node node = Node.start(config)) {
            Wallet wallet = node.wallet().orElseThrow();
            java.util.List<WalletEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            node.events().subscribe(WalletEvent.class, seen::add);
            wallet.unlock(PASSWORD, Duration.ofMinutes(5));
            Await.until(Duration.ofSeconds(30), "three mined blocks", () -> node.chain().height() >= 3);
            node.mining().stop();
            KeyHash paid = node.chain().block(node.chain().entryAt(1).hash()).transactions().get(0)
                    .outputs().get(0).keyHash();
            assertEquals(wallet.miningKeyHash(), paid);
            Await.until(Duration.ofSeconds(10), "the wallet to see its mining rewards as immature",
                    () -> wallet.balances().immature() >= 3 * ChainParams.REGTEST.subsidy(1));
            // A view-model binds to these: the unlock, then balances after each mined block.
            assertTrue(seen.contains(new WalletEvent.LockChanged(true)), "the unlock was published: " + seen);
            Await.until(Duration.ofSeconds(10), "a wallet event with the immature balance",
                    () -> seen.stream().anyMatch(e -> e instanceof WalletEvent.Changed c && c.balances().immature() > 0));
        }
    }

    @Test
    void aWalletMadeWhileTheNodeRunsIsPaidByTheMinerFromThenOn() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            node.services().wallet().create(PASSWORD.clone(), "");
            node.services().wallet().unlock(PASSWORD.clone(), Duration.ofMinutes(5));
            node.services().mining().start();
            Await.until(Duration.ofSeconds(30), "two mined blocks", () -> node.chain().height() >= 2);
            node.services().mining().stop();
            Wallet wallet = node.wallet().orElseThrow();
            KeyHash paid = node.chain().block(node.chain().entryAt(1).hash()).transactions().get(0)
                    .outputs().get(0).keyHash();
            assertEquals(wallet.miningKeyHash(), paid, "the first run's wallet, not the node's own key");
            Await.until(Duration.ofSeconds(10), "the rewards in the wallet",
                    () -> wallet.balances().immature() >= 2 * ChainParams.REGTEST.subsidy(1));
        }
    }
}
