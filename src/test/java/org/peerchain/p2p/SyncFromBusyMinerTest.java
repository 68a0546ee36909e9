package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;

/**
 * A node syncing from a peer that keeps mining hears of new tips that cannot connect to its headers yet.
 * That is honest behaviour: it must not be counted as misbehaviour (found by running two nodes by hand:
 * the syncing node banned the miner), nor asked about with a getheaders each (found by the crash soak: a
 * getheaders per mined block, each answered with 2,000 headers, filled both send queues until neither side
 * read and the download stalled).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyncFromBusyMinerTest {
    @TempDir
    Path dir;
    Node miner;
    Node fresh;

    @AfterEach
    void tearDown() {
        if (fresh != null) {
            fresh.close();
        }
        if (miner != null) {
            miner.close();
        }
    }

    @Test
    void aNodeSyncingFromAMinerThatKeepsAnnouncingNewTipsCatchesUpWithoutBanningIt() throws Exception {
        miner = Node.start(new NodeConfig(ChainParams.REGTEST, dir.resolve("miner"), NodeConfig.OFF, 0,
                new PeerOptions(List.of(), List.of(), P2pSettings.forLoopbackTests()), new MiningConfig(true, 1, null)));
        // more than the headers lead, so the syncing node holds back some of the miner's headers while it mines on
        int ahead = HeaderSync.MAX_HEADERS_LEAD + 2_000;
        TestNetwork.await("the miner to build " + ahead + " blocks", Duration.ofSeconds(60), () -> miner.chain().height() >= ahead);
        fresh = Node.start(new NodeConfig(ChainParams.REGTEST, dir.resolve("fresh"), NodeConfig.OFF, 0,
                new PeerOptions(List.of(), List.of(TestNetwork.address(miner)), P2pSettings.forLoopbackTests())));
        List<String> drops = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = fresh.events().subscribe(NetworkEvent.PeerDisconnected.class, e -> drops.add(e.reason()))) {
            int target = miner.chain().height();
            TestNetwork.await("the fresh node to catch up while the miner keeps mining", Duration.ofSeconds(60),
                    () -> fresh.chain().height() >= target);
        }
        assertEquals(List.of(), drops, "the one connection to the miner lasted the whole sync (no stall, no ban)");
        assertTrue(fresh.network().bans().isEmpty(), () -> "the honest miner was banned: " + fresh.network().bans());
        assertEquals(1, fresh.network().connectionCount(), "still connected to the miner");
    }
}
