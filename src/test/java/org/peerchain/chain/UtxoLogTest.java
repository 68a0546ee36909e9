package org.peerchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.Coin;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

/**
 * The UTXO set is the {@code utxo} table plus the changes logged since it was last brought up to date. Chains
 * that fold the log into the table after every transaction, every few, or only when asked must hold the same
 * set through spends, a deep reorganisation that confirms the same transactions at other heights, a block that
 * fails halfway, and restarts with the log still pending.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UtxoLogTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("utxo log miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final long FEE = 1_000;

    @TempDir
    Path dir;

    private final ExecutorService verifiers = RegtestChain.verifierThreads();
    private final List<ChainState> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(ChainState::close);
        verifiers.shutdownNow();
    }

    private ChainState chain(String name, int foldLogRows) {
        ChainState c = ChainState.openFoldingEvery(dir.resolve(name), ChainParams.REGTEST, new EventBus(), verifiers,
                () -> RegtestChain.DEFAULT_CLOCK, foldLogRows);
        open.add(c);
        return c;
    }

    private void reopen(ChainState c, String name, int foldLogRows, List<ChainState> into) {
        c.close();
        open.remove(c);
        into.add(chain(name, foldLogRows));
    }

    @Test
    void foldingAfterEveryTransactionEveryThreeOrNeverGivesTheSameSetThroughAReorganisationAndRestarts()
            throws Exception {
        List<Block> base = RegtestBlocks.coinbaseOnlyChain(110, MINER_HASH, 0);
        BlockHeader fork = base.get(base.size() - 1).header();
        OutPoint coinbase1 = RegtestBlocks.coinbaseOf(base.get(0));
        OutPoint coinbase2 = RegtestBlocks.coinbaseOf(base.get(1));
        long subsidy = ChainParams.REGTEST.subsidy(1);
        Transaction t = RegtestBlocks.spend(MINER, coinbase1, subsidy, FEE, MINER_HASH);
        OutPoint tOut = new OutPoint(t.txid(), 0);
        Transaction u = RegtestBlocks.spend(MINER, coinbase2, subsidy, FEE, MINER_HASH);
        OutPoint uOut = new OutPoint(u.txid(), 0);
        Transaction t2 = RegtestBlocks.spend(MINER, uOut, subsidy - FEE, FEE, MINER_HASH);
        // Losing branch: t at 111 (its output stays unspent there), u at 112, t2 spending u at 113, then empty
        // blocks to 122.
        List<Block> losing = branch(fork, 111, List.of(List.of(t), List.of(u), List.of(t2)), 12, 1);
        // Winning branch, 14 blocks: an empty 111, t at 112 (its output now a coin of height 112), u and t2 never.
        List<Block> winning = branch(fork, 111, List.of(List.of(), List.of(t)), 14, 2);

        String[] names = {"every", "three", "never"};
        int[] folds = {1, 3, Integer.MAX_VALUE};
        List<ChainState> chains = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            chains.add(chain(names[i], folds[i]));
        }
        for (ChainState c : chains) {
            for (Block b : base) {
                c.processBlock(b);
            }
            for (Block b : losing) {
                c.processBlock(b);
            }
            assertEquals(122, c.height());
            assertNull(c.coin(coinbase1));
            assertEquals(111, c.coin(tOut).height());
            assertNull(c.coin(uOut), "spent by t2");
            assertEquals(113, c.coin(new OutPoint(t2.txid(), 0)).height());
            for (Block b : winning) {
                c.processBlock(b);
            }
            assertEquals(winning.get(winning.size() - 1).hash(), c.tip().hash());
        }
        // Restart with whatever is still in the log, and look coins up before anything folds it.
        List<ChainState> reopened = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            reopen(chains.get(i), names[i], folds[i], reopened);
        }
        for (ChainState c : reopened) {
            Coin tCoin = c.coin(tOut);
            assertNotNull(tCoin, "t confirmed again on the winning branch");
            assertEquals(112, tCoin.height(), "the coin of the branch that won, not the one the table held");
            assertNull(c.coin(new OutPoint(t2.txid(), 0)), "t2 is only on the losing branch");
            assertNull(c.coin(uOut), "u is only on the losing branch");
            assertNotNull(c.coin(coinbase2), "u's input is unspent again");
            assertNull(c.coin(coinbase1));
            assertEquals(reopened.get(2).utxoStats(), c.utxoStats());
        }

        ChainState fresh = chain("winning-only", 2);
        for (Block b : base) {
            fresh.processBlock(b);
        }
        for (Block b : winning) {
            fresh.processBlock(b);
        }
        Hash expected = fresh.utxoDigest();
        for (ChainState c : reopened) {
            assertEquals(expected, c.utxoDigest());
            assertEquals(fresh.utxoStats(), c.utxoStats());
        }
    }

    @Test
    void aBlockThatFailsHalfwayLeavesEveryCoinItSpentBeforeTheFailure() throws Exception {
        for (int foldLogRows : new int[] {1, Integer.MAX_VALUE}) {
            ChainState c = chain("halfway-" + foldLogRows, foldLogRows);
            List<Block> base = RegtestBlocks.coinbaseOnlyChain(105, MINER_HASH, 0);
            for (Block b : base) {
                c.processBlock(b);
            }
            OutPoint coinbase1 = RegtestBlocks.coinbaseOf(base.get(0));
            long subsidy = ChainParams.REGTEST.subsidy(1);
            Transaction good = RegtestBlocks.spend(MINER, coinbase1, subsidy, FEE, MINER_HASH);
            Transaction missing = RegtestBlocks.spend(MINER, new OutPoint(Hash.sha256d(new byte[] {7}), 0), subsidy,
                    FEE, MINER_HASH);
            Block bad = RegtestBlocks.build(c.tip().header(), 106, List.of(good, missing), MINER_HASH, 9);
            ValidationException e = assertThrows(ValidationException.class, () -> c.processBlock(bad));
            assertEquals("bad-txns-inputs-missingorspent", e.reason());
            assertEquals(105, c.height());
            assertNotNull(c.coin(coinbase1), "the first transaction's spend was undone with the block");
            assertNull(c.coin(new OutPoint(good.txid(), 0)));

            Block ok = RegtestBlocks.build(c.tip().header(), 106, List.of(good), MINER_HASH, 10);
            c.processBlock(ok);
            assertEquals(106, c.height());
            assertNull(c.coin(coinbase1));
            assertNotNull(c.coin(new OutPoint(good.txid(), 0)));
        }
    }

    @Test
    void aDamagedLogRowIsReportedWithTheFileAndTheRow() throws Exception {
        ChainState c = chain("damaged", Integer.MAX_VALUE);
        for (Block b : RegtestBlocks.coinbaseOnlyChain(3, MINER_HASH, 0)) {
            c.processBlock(b);
        }
        c.close();
        open.remove(c);
        Path file = dir.resolve("damaged").resolve(ChainDatabase.FILE_NAME);
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = conn.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM utxo_log")) {
                assertTrue(r.next() && r.getInt(1) == 3, "three connects logged, none folded");
            }
            s.execute("UPDATE utxo_log SET changes = X'0109' WHERE id = 2");
        }
        ChainStoreException e = assertThrows(ChainStoreException.class, () -> chain("damaged", Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("UTXO log row 2"), e.getMessage());
    }

    @Test
    void theOverlayIsFoldedWhenItHoldsTooManyCoinsAndOnlyThen() throws Exception {
        Path file = dir.resolve("entries").resolve(ChainDatabase.FILE_NAME);
        try (ChainDatabase db = ChainDatabase.open(dir.resolve("entries"), Integer.MAX_VALUE, 5)) {
            for (int i = 0; i < 4; i++) {
                db.addCoin(new OutPoint(Hash.sha256d(new byte[] {(byte) i}), 0),
                        new Coin(new org.peerchain.core.TxOutput(1_000 + i, MINER_HASH), i, false));
                db.commit();
            }
            assertEquals(4, count(file, "utxo_log"));
            assertEquals(0, count(file, "utxo"));
            db.addCoin(new OutPoint(Hash.sha256d(new byte[] {9}), 1),
                    new Coin(new org.peerchain.core.TxOutput(5_000, MINER_HASH), 9, true));
            db.commit();
            assertEquals(0, count(file, "utxo_log"), "five coins: folded");
            assertEquals(5, count(file, "utxo"));
            assertEquals(1_002, db.coin(new OutPoint(Hash.sha256d(new byte[] {2}), 0)).output().amount());
        }
    }

    private static int count(Path file, String table) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            assertTrue(r.next());
            return r.getInt(1);
        }
    }

    /** Blocks from {@code height} on {@code parent}: the given transactions first, then empty ones, {@code count} in all. */
    private static List<Block> branch(BlockHeader parent, int height, List<List<Transaction>> txs, int count, long tag) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Block b = RegtestBlocks.build(parent, height + i, i < txs.size() ? txs.get(i) : List.of(), MINER_HASH, tag);
            blocks.add(b);
            parent = b.header();
        }
        return blocks;
    }
}
