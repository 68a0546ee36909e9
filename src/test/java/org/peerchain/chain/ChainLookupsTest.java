package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.Coin;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.events.EventBus;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

/**
 * What an explorer asks of the chain besides the transaction index: the coins a block's inputs spent (for input
 * amounts and fees), and the unspent coins paying some key hashes, found in the UTXO table and in the changes
 * logged since it was last brought up to date.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChainLookupsTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("lookups miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final Ed25519Keys.KeyPair ALICE = RegtestBlocks.key("lookups alice");
    private static final KeyHash ALICE_HASH = RegtestBlocks.keyHash(ALICE);
    private static final KeyHash BOB_HASH = RegtestBlocks.keyHash(RegtestBlocks.key("lookups bob"));
    private static final KeyHash NOBODY = RegtestBlocks.keyHash(RegtestBlocks.key("lookups nobody"));
    private static final long SUBSIDY = ChainParams.INITIAL_SUBSIDY;
    private static final long FEE = 2_000;

    @TempDir
    Path dir;

    private final ExecutorService verifiers = RegtestChain.verifierThreads();
    private final List<ChainState> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(ChainState::close);
        verifiers.shutdownNow();
    }

    private ChainState chain(int foldLogRows) {
        ChainState c = ChainState.openFoldingEvery(dir, ChainParams.REGTEST, new EventBus(), verifiers,
                () -> RegtestChain.DEFAULT_CLOCK, foldLogRows);
        open.add(c);
        return c;
    }

    private static Block onTip(ChainState chain, List<Transaction> txs, long tag) {
        return RegtestBlocks.build(chain.tip().header(), chain.height() + 1, txs, MINER_HASH, tag);
    }

    @Test
    void spentOutputsAreTheCoinsABlocksInputsSpentInSpendingOrder() throws Exception {
        ChainState chain = chain(ChainDatabase.FOLD_LOG_ROWS);
        for (Block b : RegtestBlocks.coinbaseOnlyChain(110, MINER_HASH, 0)) {
            chain.processBlock(b);
        }
        OutPoint cb2 = RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(2).hash()));
        OutPoint cb1 = RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(1).hash()));
        Transaction two = RegtestBlocks.spend(MINER, List.of(cb2, cb1), List.of(new TxOutput(2 * SUBSIDY - FEE, ALICE_HASH)));
        Transaction three = RegtestBlocks.spend(MINER, RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(3).hash())),
                SUBSIDY, FEE, BOB_HASH);
        Block block = onTip(chain, List.of(two, three), 1);
        chain.processBlock(block);

        Map<OutPoint, Coin> expected = new LinkedHashMap<>();
        expected.put(cb2, new Coin(new TxOutput(SUBSIDY, MINER_HASH), 2, true));
        expected.put(cb1, new Coin(new TxOutput(SUBSIDY, MINER_HASH), 1, true));
        expected.put(RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(3).hash())),
                new Coin(new TxOutput(SUBSIDY, MINER_HASH), 3, true));
        Map<OutPoint, Coin> spent = chain.spentOutputs(block.hash());
        assertEquals(expected, spent);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(spent.keySet()), "in the order the inputs spend them");

        assertEquals(Map.of(), chain.spentOutputs(chain.entryAt(50).hash()), "a coinbase-only block spends nothing");
        assertEquals(Map.of(), chain.spentOutputs(ChainParams.REGTEST.genesisHash()));
        assertEquals(Map.of(), chain.spentOutputs(Hash.sha256d(new byte[] {7})));

        // disconnected, the block keeps its data but not its undo data
        Block side1 = RegtestBlocks.build(chain.entryAt(110).header(), 111, List.of(), MINER_HASH, 5);
        Block side2 = RegtestBlocks.build(side1.header(), 112, List.of(), MINER_HASH, 5);
        chain.processBlock(side1);
        chain.processBlock(side2);
        assertEquals(side2.hash(), chain.tip().hash());
        assertEquals(Map.of(), chain.spentOutputs(block.hash()), "a block on a side branch");
    }

    @Test
    void scanCoinsFindsExactlyTheCoinsOfTheKeyHashesInTheTableAndInTheLoggedChanges() throws Exception {
        // Blocks 1..110 log 110 rows: the fold after block 111 puts its coins in the table; block 112 stays logged.
        ChainState chain = chain(111);
        for (Block b : RegtestBlocks.coinbaseOnlyChain(110, MINER_HASH, 0)) {
            chain.processBlock(b);
        }
        OutPoint cb1 = RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(1).hash()));
        OutPoint cb2 = RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(2).hash()));
        long quarter = (SUBSIDY - FEE) / 4;
        Transaction split = RegtestBlocks.spend(MINER, List.of(cb1), List.of(new TxOutput(quarter, ALICE_HASH),
                new TxOutput(quarter, ALICE_HASH), new TxOutput(quarter, BOB_HASH), new TxOutput(quarter, MINER_HASH)));
        chain.processBlock(onTip(chain, List.of(split), 1));
        Transaction aliceSpends = RegtestBlocks.spend(ALICE, new OutPoint(split.txid(), 0), quarter, FEE, MINER_HASH);
        Transaction toAlice = RegtestBlocks.spend(MINER, cb2, SUBSIDY, FEE, ALICE_HASH);
        chain.processBlock(onTip(chain, List.of(aliceSpends, toAlice), 2));
        assertEquals(112, chain.height());

        Map<OutPoint, Coin> alice = Map.of(
                new OutPoint(split.txid(), 1), new Coin(new TxOutput(quarter, ALICE_HASH), 111, false),
                new OutPoint(toAlice.txid(), 0), new Coin(new TxOutput(SUBSIDY - FEE, ALICE_HASH), 112, false));
        Map<OutPoint, Coin> bob = Map.of(
                new OutPoint(split.txid(), 2), new Coin(new TxOutput(quarter, BOB_HASH), 111, false));

        List<Double> progress = new CopyOnWriteArrayList<>();
        ChainState.ScannedCoins scanned = chain.scanCoins(Set.of(ALICE_HASH), progress::add, () -> false);
        assertEquals(alice, asMap(scanned.coins()), "one in the table, one logged; the table's spent one left out");
        assertEquals(112, scanned.height());
        assertEquals(chain.tip().hash(), scanned.bestBlock());
        assertEquals(chain.utxoStats().txouts(), scanned.txouts());
        assertEquals(0.0, progress.get(0));
        assertEquals(1.0, progress.get(progress.size() - 1));

        assertEquals(bob, asMap(chain.scanCoins(Set.of(BOB_HASH), p -> { }, () -> false).coins()));
        Map<OutPoint, Coin> both = new java.util.HashMap<>(alice);
        both.putAll(bob);
        assertEquals(both, asMap(chain.scanCoins(Set.of(ALICE_HASH, BOB_HASH, NOBODY), p -> { }, () -> false).coins()));
        assertEquals(List.of(), chain.scanCoins(Set.of(NOBODY), p -> { }, () -> false).coins());

        // what a scan finds is what the coin lookups say
        for (ChainState.CoinAt c : chain.scanCoins(Set.of(MINER_HASH), p -> { }, () -> false).coins()) {
            assertEquals(c.coin(), chain.coin(c.outPoint()));
        }
    }

    @Test
    void aCancelledScanStopsPartWayWithACancellationException() throws Exception {
        ChainState chain = chain(1);
        for (Block b : RegtestBlocks.coinbaseOnlyChain(105, MINER_HASH, 0)) {
            chain.processBlock(b);
        }
        // enough coins in the table for several steps of the scan, in transactions under the size limit
        int perTx = 2_500;
        int outputs = 5 * perTx;
        assertTrue(outputs > 3 * UtxoSnapshot.ROWS_PER_STEP);
        List<Transaction> splits = new ArrayList<>();
        for (int h = 1; h <= 5; h++) {
            List<TxOutput> outs = new ArrayList<>();
            for (int i = 0; i < perTx; i++) {
                outs.add(new TxOutput((SUBSIDY - FEE) / perTx, ALICE_HASH));
            }
            splits.add(RegtestBlocks.spend(MINER, List.of(RegtestBlocks.coinbaseOf(chain.block(chain.entryAt(h).hash()))),
                    outs));
        }
        chain.processBlock(onTip(chain, splits, 1));
        assertEquals(outputs, chain.scanCoins(Set.of(ALICE_HASH), p -> { }, () -> false).coins().size());

        AtomicBoolean cancel = new AtomicBoolean();
        List<Double> progress = new CopyOnWriteArrayList<>();
        assertThrows(CancellationException.class, () -> chain.scanCoins(Set.of(ALICE_HASH), p -> {
            progress.add(p);
            if (p > 0) {
                cancel.set(true);
            }
        }, cancel::get));
        double furthest = progress.get(progress.size() - 1);
        assertTrue(furthest > 0 && furthest < 1, "stopped part way: " + progress);
        assertEquals(new HashSet<>(progress).size(), progress.size(), "moving forward: " + progress);
        // the chain is untouched and scans again
        assertEquals(outputs, chain.scanCoins(Set.of(ALICE_HASH), p -> { }, () -> false).coins().size());
    }

    private static Map<OutPoint, Coin> asMap(List<ChainState.CoinAt> coins) {
        Map<OutPoint, Coin> m = new java.util.HashMap<>();
        for (ChainState.CoinAt c : coins) {
            assertEquals(null, m.put(c.outPoint(), c.coin()), "found once: " + c.outPoint());
        }
        return m;
    }
}
