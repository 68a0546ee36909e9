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
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;

/** The original behaviour: a miner that hears of a new block validates it and goes on mining on top of it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MinerFollowsTheNetworkTest {
    @TempDir
    Path dir;
    TestNetwork net;

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void minedBlocksReachPeersAtOnceAndTheMinerBuildsOnABlockFromTheNetwork() throws Exception {
        net = new TestNetwork(dir);
        Node a = net.start(List.of(), List.of());
        Node b = Node.start(new NodeConfig(ChainParams.REGTEST, dir.resolve("miner"), NodeConfig.OFF, 0,
                new PeerOptions(List.of(), List.of(TestNetwork.address(a)), P2pSettings.forLoopbackTests()),
                new MiningConfig(true, 1, null)));
        try {
            TestNetwork.await("blocks mined on B to reach A", TestNetwork.PROPAGATION_TIMEOUT,
                    () -> a.chain().height() >= 5);
            b.mining().stop();
            TestNetwork.awaitSameTip(TestNetwork.PROPAGATION_TIMEOUT, a, b);

            Block fromA = net.mine(a);
            TestNetwork.await("A's block to become B's tip", TestNetwork.PROPAGATION_TIMEOUT,
                    () -> b.chain().tip().hash().equals(fromA.hash()));
            int height = b.chain().height();

            b.mining().start();
            TestNetwork.await("B to mine on top of A's block", TestNetwork.PROPAGATION_TIMEOUT,
                    () -> b.chain().height() > height);
            b.mining().stop();
            Hash parentOfNext = b.chain().entryAt(height + 1).header().prevHash();
            assertEquals(fromA.hash(), parentOfNext);
            KeyHash minerPaid = b.chain().block(b.chain().entryAt(height + 1).hash()).transactions().get(0)
                    .outputs().get(0).keyHash();
            assertTrue(!minerPaid.equals(net.payTo), "the block after A's was mined by B");
            TestNetwork.awaitSameTip(TestNetwork.PROPAGATION_TIMEOUT, a, b);
        } finally {
            b.close();
        }
    }
}
