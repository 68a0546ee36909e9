package org.peerchain.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.testing.EventRecorder;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.testing.RegtestChain;

@Timeout(30)
class MempoolTest {
    private static final Ed25519Keys.KeyPair MINER = RegtestBlocks.key("mempool miner");
    private static final KeyHash MINER_HASH = RegtestBlocks.keyHash(MINER);
    private static final KeyHash PAYEE = RegtestBlocks.keyHash(RegtestBlocks.key("mempool payee"));
    /** At this tip the next block is 111: coinbases of heights 1..11 are mature, 12 and above are not. */
    private static final int PREFIX = 110;
    private static final int LAST_MATURE = PREFIX + 1 - ChainParams.COINBASE_MATURITY;
    private static final long COIN = ChainParams.INITIAL_SUBSIDY;
    /** The size of every one-input, one-output spend. */
    /** As many inputs as fit in a transaction of at most {@link ChainParams#MAX_TX_SIZE} (134 bytes each). */
    private static final int MADE_UP_INPUTS = 740;
    private static final int S = pay(new OutPoint(Hash.ZERO, 0), COIN, 0).size();

    @TempDir
    static Path template;
    @TempDir
    Path dir;

    private RegtestChain node;
    private EventRecorder events;

    @BeforeAll
    static void mineThePrefixOnce() throws Exception {
        try (RegtestChain chain = RegtestChain.open(template)) {
            chain.processAll(RegtestBlocks.coinbaseOnlyChain(PREFIX, MINER_HASH, 0));
        }
    }

    @BeforeEach
    void openACopyOfThePrefix() throws Exception {
        Files.copy(template.resolve("chain.db"), dir.resolve("chain.db"));
        node = RegtestChain.open(dir);
        events = new EventRecorder(node.events);
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void acceptsAValidSpendAndPublishesIt() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Transaction tx = pay(cb(1), COIN, 5_000);
        assertEquals(5_000, pool.accept(tx));
        assertTrue(pool.contains(tx.txid()));
        assertEquals(tx.txid(), pool.spender(cb(1)));
        assertEquals(S, pool.bytes());
        List<MempoolEvent.TxAccepted> accepted = events.of(MempoolEvent.TxAccepted.class);
        assertEquals(1, accepted.size());
        assertEquals(tx, accepted.get(0).entry().tx());
        assertEquals("txn-already-in-mempool", rejection(pool, tx));
    }

    @Test
    void rejectsASecondSpendOfTheSameOutputWithTxnMempoolConflict() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        pool.accept(pay(cb(1), COIN, 5_000));
        Transaction rival = RegtestBlocks.spend(MINER, cb(1), COIN, 50_000, PAYEE);
        assertEquals("txn-mempool-conflict", rejection(pool, rival));
        assertEquals(1, pool.size());
    }

    @Test
    void rejectsASpendOfAnOutputThatDoesNotExist() {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Transaction tx = pay(new OutPoint(cb(1).txid(), 1), COIN, 5_000);
        assertEquals("bad-txns-inputs-missingorspent", rejection(pool, tx));
    }

    @Test
    void rejectsACoinbaseSpendOneBlockBeforeMaturityAndAcceptsItAtMaturity() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        assertEquals("bad-txns-premature-spend-of-coinbase", rejection(pool, pay(cb(LAST_MATURE + 1), COIN, 5_000)));
        assertEquals("bad-txns-premature-spend-of-coinbase", rejection(pool, pay(cb(PREFIX), COIN, 5_000)));
        pool.accept(pay(cb(LAST_MATURE), COIN, 5_000));
        assertEquals(1, pool.size());
    }

    @Test
    void rejectsAFeeBelowOneUnitPerByteAndAcceptsExactlyOne() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        assertEquals("min-fee-not-met", rejection(pool, pay(cb(1), COIN, 0)));
        assertEquals("min-fee-not-met", rejection(pool, pay(cb(1), COIN, (long) S * Mempool.MIN_RELAY_FEE_PER_BYTE - 1)));
        pool.accept(pay(cb(1), COIN, (long) S * Mempool.MIN_RELAY_FEE_PER_BYTE));
    }

    @Test
    void rejectsAnOutputBelowTheDustThreshold() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Transaction dust = RegtestBlocks.spend(MINER, List.of(cb(1)), List.of(
                new TxOutput(COIN - 100_000, MINER_HASH), new TxOutput(Mempool.DUST_THRESHOLD - 1, PAYEE)));
        assertEquals("dust", rejection(pool, dust));
        pool.accept(RegtestBlocks.spend(MINER, List.of(cb(1)), List.of(
                new TxOutput(COIN - 100_000, MINER_HASH), new TxOutput(Mempool.DUST_THRESHOLD, PAYEE))));
    }

    @Test
    void rejectsABadSignatureAndACoinbase() {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        assertEquals("bad-sig", rejection(pool, RegtestBlocks.withBadSignature(pay(cb(1), COIN, 5_000), 0)));
        assertEquals("coinbase", rejection(pool, RegtestBlocks.coinbase(PREFIX + 1, 0, COIN, MINER_HASH)));
        assertEquals(0, pool.size());
    }

    @Test
    void acceptsChainsOfUnconfirmedTransactions() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Transaction parent = pay(cb(1), COIN, 5_000);
        Transaction child = pay(new OutPoint(parent.txid(), 0), COIN - 5_000, 5_000);
        Transaction grandchild = pay(new OutPoint(child.txid(), 0), COIN - 10_000, 5_000);
        pool.accept(parent);
        pool.accept(child);
        pool.accept(grandchild);
        assertEquals(3, pool.size());
        assertEquals("txn-mempool-conflict", rejection(pool, pay(new OutPoint(parent.txid(), 0), COIN - 5_000, 9_000)));
        assertEquals("bad-txns-inputs-missingorspent",
                rejection(pool, pay(new OutPoint(grandchild.txid(), 1), COIN, 5_000)));
    }

    @Test
    void aConnectedBlockRemovesWhatItConfirmsAndWhatConflictsWithIt() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Transaction confirmed = pay(cb(1), COIN, 5_000);
        Transaction childOfConfirmed = pay(new OutPoint(confirmed.txid(), 0), COIN - 5_000, 5_000);
        Transaction loser = pay(cb(2), COIN, 5_000);
        Transaction childOfLoser = pay(new OutPoint(loser.txid(), 0), COIN - 5_000, 5_000);
        for (Transaction tx : List.of(confirmed, childOfConfirmed, loser, childOfLoser)) {
            pool.accept(tx);
        }
        Transaction winner = RegtestBlocks.spend(MINER, cb(2), COIN, 7_000, PAYEE);
        events.clear();

        node.mine(List.of(confirmed, winner), MINER_HASH);

        Set<Hash> left = pool.entries().stream().map(e -> e.tx().txid()).collect(Collectors.toSet());
        assertEquals(Set.of(childOfConfirmed.txid()), left, "a child of a confirmed transaction stays valid");
        List<MempoolEvent.TxRemoved> removed = events.of(MempoolEvent.TxRemoved.class);
        assertTrue(removed.contains(new MempoolEvent.TxRemoved(confirmed.txid(), MempoolEvent.Reason.CONFIRMED)));
        assertTrue(removed.contains(new MempoolEvent.TxRemoved(loser.txid(), MempoolEvent.Reason.CONFLICT)));
        assertTrue(removed.contains(new MempoolEvent.TxRemoved(childOfLoser.txid(), MempoolEvent.Reason.CONFLICT)));
        assertEquals(3, removed.size());
        assertEquals(S, pool.bytes());
        assertNull(pool.spender(cb(2)));
    }

    @Test
    void whenFullTheLowestFeeRatesLeaveWithTheirDescendantsAndATooCheapNewcomerIsRefused() throws Exception {
        Mempool pool = node.mempool(3L * S + S / 2);
        Transaction low = pay(cb(1), COIN, 2L * S);
        Transaction lowChild = pay(new OutPoint(low.txid(), 0), COIN - 2L * S, 30L * S);
        Transaction mid = pay(cb(2), COIN, 10L * S);
        Transaction high = pay(cb(3), COIN, 20L * S);
        pool.accept(low);
        pool.accept(lowChild);
        pool.accept(mid);
        events.clear();

        pool.accept(high);

        assertEquals(Set.of(mid.txid(), high.txid()), txids(pool));
        assertEquals(Set.of(new MempoolEvent.TxRemoved(low.txid(), MempoolEvent.Reason.EVICTED),
                new MempoolEvent.TxRemoved(lowChild.txid(), MempoolEvent.Reason.EVICTED)),
                Set.copyOf(events.of(MempoolEvent.TxRemoved.class)));
        assertNull(pool.spender(cb(1)), "an evicted transaction's inputs are free again");

        pool.accept(pay(cb(4), COIN, 15L * S));
        Set<Hash> full = txids(pool);
        events.clear();
        Transaction cheap = pay(cb(5), COIN, 3L * S);
        assertEquals("mempool-full", rejection(pool, cheap));
        assertEquals(full, txids(pool));
        assertEquals(List.of(), events.all(), "a refused transaction was never in the pool: no event speaks of it");
        assertTrue(pool.bytes() <= 3L * S + S / 2);
        assertNull(pool.spender(cb(5)));
    }

    @Test
    void selectsForABlockByFeeRateWithParentsBeforeChildrenWithinTheByteLimit() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Transaction parent = pay(cb(1), COIN, 2L * S);
        Transaction child = pay(new OutPoint(parent.txid(), 0), COIN - 2L * S, 40L * S);
        Transaction a = pay(cb(2), COIN, 20L * S);
        Transaction b = pay(cb(3), COIN, 10L * S);
        for (Transaction tx : List.of(parent, child, b, a)) {
            pool.accept(tx);
        }
        assertEquals(List.of(a, b, parent, child), selected(pool, 1_000_000));
        assertEquals(List.of(a, b, parent), selected(pool, 3 * S + S / 2), "the child no longer fits");
        assertEquals(List.of(a, b), selected(pool, 2 * S));
        assertEquals(List.of(), selected(pool, S - 1));
        assertFalse(selected(pool, S).contains(child), "never a child without its parent");
    }

    @Test
    void aBlockMadeFromTheSelectionIsValidAndEmptiesThePool() throws Exception {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Transaction parent = pay(cb(1), COIN, 2L * S);
        pool.accept(parent);
        pool.accept(pay(new OutPoint(parent.txid(), 0), COIN - 2L * S, 40L * S));
        pool.accept(pay(cb(2), COIN, 20L * S));
        List<Transaction> txs = pool.selectForBlock(1_000_000).stream().map(MempoolEntry::tx).toList();
        long fees = pool.entries().stream().mapToLong(MempoolEntry::fee).sum();
        List<Transaction> all = new java.util.ArrayList<>();
        all.add(RegtestBlocks.coinbase(PREFIX + 1, 0, ChainParams.INITIAL_SUBSIDY + fees, MINER_HASH));
        all.addAll(txs);
        Block block = RegtestBlocks.assemble(node.chain.tip().header(), all);
        assertEquals(BlockOutcome.ACTIVE, node.process(block));
        assertEquals(0, pool.size());
        assertEquals(0, pool.bytes());
    }

    /**
     * Security round 2, finding 2: every input signs the same message, so one signature copied onto 740 made-up
     * outpoints made a valid-looking 100 KB transaction, and every signature was verified before any input was looked
     * up. Inputs and their key hashes are checked first now: a transaction that spends nothing real, or a real coin
     * with someone else's key, costs no verification.
     */
    @Test
    void aTransactionOfMadeUpOutpointsOrOfSomeoneElsesCoinCostsNoSignatureVerification() {
        Mempool pool = node.mempool(Mempool.DEFAULT_MAX_BYTES);
        Ed25519Keys.KeyPair attacker = RegtestBlocks.key("attacker");
        List<OutPoint> madeUp = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(2);
        for (int i = 0; i < MADE_UP_INPUTS; i++) {
            byte[] txid = new byte[32];
            random.nextBytes(txid);
            madeUp.add(new OutPoint(Hash.wrap(txid), 0));
        }
        Transaction flood = RegtestBlocks.spend(attacker, madeUp, List.of(new TxOutput(COIN, PAYEE)));
        assertTrue(flood.size() <= ChainParams.MAX_TX_SIZE, flood.size() + " bytes");
        assertEquals("bad-txns-inputs-missingorspent", rejection(pool, flood));
        Transaction theft = RegtestBlocks.spend(attacker, List.of(cb(1)), List.of(new TxOutput(COIN - 5_000, PAYEE)));
        assertEquals("bad-txns-key-mismatch", rejection(pool, theft));
        assertEquals(0, pool.signatureVerifications());
    }

    private static List<Transaction> selected(Mempool pool, int maxBytes) {
        return pool.selectForBlock(maxBytes).stream().map(MempoolEntry::tx).toList();
    }

    private static Set<Hash> txids(Mempool pool) {
        return pool.entries().stream().map(e -> e.tx().txid()).collect(Collectors.toSet());
    }

    private static String rejection(Mempool pool, Transaction tx) {
        return assertThrows(ValidationException.class, () -> pool.accept(tx)).reason();
    }

    private OutPoint cb(int height) {
        return node.coinbaseAt(height);
    }

    private static Transaction pay(OutPoint input, long value, long fee) {
        return RegtestBlocks.spend(MINER, input, value, fee, MINER_HASH);
    }
}
