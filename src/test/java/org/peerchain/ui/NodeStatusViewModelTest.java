package org.peerchain.ui;

import org.peerchain.ui.fx.FxDispatcher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.P2pSettings;
import org.peerchain.testing.Await;

/** The view-model follows a real node through its events, with no stage and no FX thread. */
@Timeout(60)
class NodeStatusViewModelTest {
    @TempDir
    Path dir;

    @Test
    void followsTheTipAndTheMinerOfARunningNode() throws Exception {
        NodeStatusViewModel vm = new NodeStatusViewModel(new FxDispatcher(Runnable::run));
        NodeConfig config = NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF).withMining(new MiningConfig(true, 1, null));
        try (Node node = Node.start(config)) {
            vm.attach(node);
            assertEquals("regtest", vm.networkProperty().get());
            Await.until(Duration.ofSeconds(30), "the view-model to show mined blocks", () -> vm.heightProperty().get() >= 3);
            Await.until(Duration.ofSeconds(10), "the view-model to show the hash rate",
                    () -> vm.miningProperty().get().contains("H/s on 1 thread"));
            assertEquals("Not on the network (P2P is off)", vm.syncProperty().get());
            node.mining().stop();
            Await.until(Duration.ofSeconds(10), "the view-model to show mining stopped",
                    () -> vm.miningProperty().get().equals("Not mining"));
        }
    }

    @Test
    void showsPeersThatConnectedBeforeItWasAttachedAndAnUpToDateNodeAsUpToDate() throws Exception {
        P2pSettings p2p = P2pSettings.forLoopbackTests().withDiscovery(false);
        try (Node peer = Node.start(new NodeConfig(ChainParams.REGTEST, dir.resolve("peer"), NodeConfig.OFF, 0,
                new PeerOptions(List.of(), List.of(), p2p)))) {
            HostPort address = new HostPort("127.0.0.1", peer.p2pPort());
            Node node = Node.start(new NodeConfig(ChainParams.REGTEST, dir.resolve("node"), NodeConfig.OFF, 0,
                    new PeerOptions(List.of(), List.of(address), p2p)));
            try (node) {
                Await.until(Duration.ofSeconds(10), "the connection", () -> node.network().connectionCount() == 1);
                // attached only now, as the wallet does once the node has started: the connection's event is past
                NodeStatusViewModel vm = new NodeStatusViewModel(new FxDispatcher(Runnable::run));
                vm.attach(node);
                assertEquals(1, vm.peersProperty().get());
                assertEquals("Up to date", vm.syncProperty().get(), "same tip as its only peer, so no sync progress comes");
                peer.close();
                Await.until(Duration.ofSeconds(10), "the view-model to see the peer go", () -> vm.peersProperty().get() == 0);
                assertEquals("Looking for peers", vm.syncProperty().get());
            }
        }
    }

    @Test
    void aBurstOfUpdatesReachesTheFxThreadAsOneBatchWithTheNewestValuePerKey() {
        List<Runnable> queued = new ArrayList<>();
        FxDispatcher dispatcher = new FxDispatcher(queued::add);
        AtomicInteger shown = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        for (int height = 1; height <= 10_000; height++) {
            int h = height;
            dispatcher.post("tip", () -> {
                runs.incrementAndGet();
                shown.set(h);
            });
        }
        assertEquals(1, queued.size(), "10,000 tip changes queue one FX-thread task");
        queued.get(0).run();
        assertEquals(10_000, shown.get());
        assertEquals(1, runs.get(), "only the newest update for a key runs");
    }

    @Test
    void hashRatesReadAsAMinerExpects() {
        assertEquals("950 H/s", NodeStatusViewModel.hashRate(950));
        assertEquals("12.3 kH/s", NodeStatusViewModel.hashRate(12_300));
        assertEquals("9.24 MH/s", NodeStatusViewModel.hashRate(9_240_000));
        assertTrue(NodeStatusViewModel.hashRate(2.5e9).endsWith("GH/s"));
    }
}
