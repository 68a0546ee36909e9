package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * the syncing node banned the miner).
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
        TestNetwork.await("the miner to build 3,000 blocks", Duration.ofSeconds(60), () -> miner.chain().height() >= 3_000);
        fresh = Node.start(new NodeConfig(ChainParams.REGTEST, dir.resolve("fresh"), NodeConfig.OFF, 0,
                new PeerOptions(List.of(), List.of(TestNetwork.address(miner)), P2pSettings.forLoopbackTests())));
        int target = miner.chain().height();
        TestNetwork.await("the fresh node to catch up while the miner keeps mining", Duration.ofSeconds(60),
                () -> fresh.chain().height() >= target);
        assertTrue(fresh.network().bans().isEmpty(), () -> "the honest miner was banned: " + fresh.network().bans());
        assertEquals(1, fresh.network().connectionCount(), "still connected to the miner");
    }
}
