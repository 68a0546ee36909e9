package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.api.LifecycleStep;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.testing.ExplorerChain;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;

@Timeout(60)
class NodeLifecycleTest {
    /** Enough blocks for the block index and the wallet's scan to report several fractions, and still quick. */
    private static final int CHAIN_HEIGHT = 300;

    @TempDir
    Path dir;

    @Test
    void aStartReportsEachStepInOrderAndAStopReportsStoppingThenStopped() throws Exception {
        List<LifecycleStep> steps = new CopyOnWriteArrayList<>();
        Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF), e -> steps.add(e.step()));
        assertEquals(List.of(LifecycleStep.OPENING_DATABASE, LifecycleStep.LOADING_BLOCK_INDEX,
                LifecycleStep.WALLET_CATCH_UP, LifecycleStep.STARTING_NETWORK, LifecycleStep.READY),
                stepsInOrder(steps));
        assertEquals(LifecycleStep.READY, node.services().status().lifecycle().step());
        List<LifecycleStep> later = new CopyOnWriteArrayList<>();
        node.services().subscribe(NodeEvent.Lifecycle.class, e -> later.add(e.step()));
        node.close();
        assertEquals(List.of(LifecycleStep.STOPPING, LifecycleStep.STOPPED), later);
    }

    @Test
    void loadingTheBlockIndexAndTheWalletCatchUpReportFractionsThatRiseToOne() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            ExplorerChain.coinbaseOnly(node, CHAIN_HEIGHT, "lifecycle-miner");
        }
        try (RecoveryPhrase phrase = WalletNodes.newPhrase()) {
            Wallet.create(dir, ChainParams.REGTEST, WalletNodes.PASSWORD, phrase, "", true,
                    WalletNodes.TEST_ITERATIONS);
        }
        List<NodeEvent.Lifecycle> events = new CopyOnWriteArrayList<>();
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF), events::add)) {
            assertEquals(CHAIN_HEIGHT, node.chain().height());
        }

        List<Double> index = fractions(events, LifecycleStep.LOADING_BLOCK_INDEX);
        assertTrue(index.size() > 10, "the block index step reported as it went: " + index);
        assertEquals(1.0, index.get(index.size() - 1));
        assertEquals("301 of 301 blocks", detailOfLast(events, LifecycleStep.LOADING_BLOCK_INDEX));
        List<Double> wallet = fractions(events, LifecycleStep.WALLET_CATCH_UP);
        assertTrue(wallet.size() > 10, "the wallet's scan reported as it went: " + wallet);
        assertEquals(1.0, wallet.get(wallet.size() - 1));
        for (List<Double> step : List.of(index, wallet)) {
            for (int i = 1; i < step.size(); i++) {
                assertTrue(step.get(i) > step.get(i - 1) && step.get(i) <= 1.0, step.toString());
            }
        }
        assertEquals(List.of(LifecycleStep.OPENING_DATABASE, LifecycleStep.LOADING_BLOCK_INDEX,
                LifecycleStep.WALLET_CATCH_UP, LifecycleStep.STARTING_NETWORK, LifecycleStep.READY,
                LifecycleStep.STOPPING, LifecycleStep.STOPPED),
                stepsInOrder(events.stream().map(NodeEvent.Lifecycle::step).toList()));
    }

    /** The steps with a step's progress reports folded into one. */
    private static List<LifecycleStep> stepsInOrder(List<LifecycleStep> reported) {
        List<LifecycleStep> steps = new ArrayList<>();
        for (LifecycleStep s : reported) {
            if (steps.isEmpty() || steps.get(steps.size() - 1) != s) {
                steps.add(s);
            }
        }
        return steps;
    }

    /** The fractions a step reported, leaving out its "cannot measure" start. */
    private static List<Double> fractions(List<NodeEvent.Lifecycle> events, LifecycleStep step) {
        return events.stream().filter(e -> e.step() == step && e.progress() >= 0).map(NodeEvent.Lifecycle::progress)
                .toList();
    }

    private static String detailOfLast(List<NodeEvent.Lifecycle> events, LifecycleStep step) {
        return events.stream().filter(e -> e.step() == step).reduce((a, b) -> b).orElseThrow().detail();
    }
}
