package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.KeyHash;
import org.peerchain.events.EventBus;
import org.peerchain.mining.BlockAssembler;
import org.peerchain.mining.ProofOfWork;

@Timeout(60)
class ChainStateSmokeTest {
    @TempDir
    Path dir;

    @Test
    void minesAndRestartsToTheSameTip() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        KeyHash me = KeyHash.of(Ed25519Keys.generate(new java.security.SecureRandom()).publicKey());
        long[] clock = {ChainParams.REGTEST.genesis().header().time() + 1};
        ChainState chain = ChainState.open(dir, ChainParams.REGTEST, new EventBus(), pool, () -> clock[0]);
        BlockAssembler asm = new BlockAssembler(chain, null, () -> clock[0]);
        for (int i = 0; i < 20; i++) {
            clock[0] += 1;
            Block b = ProofOfWork.solve(asm.assemble(me, 0).block(), 1000);
            assertEquals(BlockOutcome.ACTIVE, chain.processBlock(b));
        }
        assertEquals(20, chain.height());
        var tip = chain.tip().hash();
        var digest = chain.utxoDigest();
        var stats = chain.utxoStats();
        assertEquals(20, stats.txouts());
        assertEquals(20 * 50_00000000L, stats.totalAmount());
        chain.close();
        ChainState again = ChainState.open(dir, ChainParams.REGTEST, new EventBus(), pool, () -> clock[0]);
        assertEquals(tip, again.tip().hash());
        assertEquals(digest, again.utxoDigest());
        assertEquals(stats, again.utxoStats());
        again.close();
        pool.shutdown();
    }
}
