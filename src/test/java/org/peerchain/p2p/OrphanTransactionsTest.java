package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/** Security round 2, finding 8: the orphan pool stays small whatever peers send, and lets go of what it holds. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrphanTransactionsTest {
    private static final Ed25519Keys.KeyPair KEY = Ed25519Keys.generate(new java.security.SecureRandom());
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final OrphanTransactions orphans = new OrphanTransactions(new Random(8), nanos::get);
    private int made;

    @Test
    void aFloodOfOrphansFromManyPeersNeverTakesThePoolPastItsBoundAndEvictsAtRandom() {
        List<Transaction> sent = new ArrayList<>();
        for (int i = 0; i < 10 * OrphanTransactions.MAX_ORPHANS; i++) {
            Transaction tx = orphan(1, Hash.sha256d(new byte[] {(byte) i, (byte) (i >> 8)}));
            sent.add(tx);
            assertTrue(orphans.add(tx, i % 10));
            assertTrue(orphans.size() <= OrphanTransactions.MAX_ORPHANS, "after " + (i + 1) + ": " + orphans.size());
        }
        assertEquals(OrphanTransactions.MAX_ORPHANS, orphans.size());
        long fromTheFirstNine = sent.subList(0, 9 * OrphanTransactions.MAX_ORPHANS).stream()
                .filter(tx -> orphans.contains(tx.txid())).count();
        assertTrue(fromTheFirstNine > 0, "eviction is random, not the oldest first: sending last keeps nothing safe");
    }

    @Test
    void anOrphanLeavesAfterTwentyMinutes() {
        Transaction tx = orphan(1, Hash.sha256d(new byte[] {1}));
        orphans.add(tx, 1);
        nanos.addAndGet(OrphanTransactions.EXPIRY.toNanos() - 1);
        orphans.expire();
        assertTrue(orphans.contains(tx.txid()));
        nanos.addAndGet(1);
        orphans.expire();
        assertFalse(orphans.contains(tx.txid()));
    }

    @Test
    void theOrphansOfAPeerThatHasGoneLeaveWithIt() {
        Transaction mine = orphan(1, Hash.sha256d(new byte[] {1}));
        Transaction theirs = orphan(1, Hash.sha256d(new byte[] {2}));
        orphans.add(mine, 1);
        orphans.add(theirs, 2);
        orphans.dropPeer(2);
        assertTrue(orphans.contains(mine.txid()));
        assertFalse(orphans.contains(theirs.txid()));
    }

    @Test
    void theChildrenOfAParentAreTakenOutOldestFirstAndOthersStay() {
        Hash parent = Hash.sha256d(new byte[] {1});
        Transaction first = orphan(2, parent);
        Transaction unrelated = orphan(1, Hash.sha256d(new byte[] {2}));
        orphans.add(first, 1);
        nanos.addAndGet(1_000);
        Transaction second = orphan(1, parent);
        orphans.add(second, 2);
        orphans.add(unrelated, 1);
        assertEquals(List.of(first, second), orphans.takeChildrenOf(parent).stream().map(o -> o.tx()).toList());
        assertEquals(1, orphans.size());
        assertTrue(orphans.takeChildrenOf(parent).isEmpty());
    }

    @Test
    void aTransactionIsKeptOnceAndOneLargerThanAnyValidTransactionNotAtAll() {
        Transaction tx = orphan(1, Hash.sha256d(new byte[] {1}));
        assertTrue(orphans.add(tx, 1));
        assertFalse(orphans.add(tx, 2));
        Transaction huge = orphan(800, Hash.sha256d(new byte[] {2}));
        assertTrue(huge.size() > OrphanTransactions.MAX_ORPHAN_BYTES, huge.size() + " bytes");
        assertFalse(orphans.add(huge, 1));
        assertEquals(1, orphans.size());
    }

    /** A signed transaction with {@code inputs} inputs spending outputs of {@code parent} (0, 1, ...). */
    private Transaction orphan(int inputs, Hash parent) {
        List<TxInput> unsigned = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            unsigned.add(new TxInput(new OutPoint(parent, i), KEY.publicKey(), new byte[0]));
        }
        List<TxOutput> outputs = List.of(new TxOutput(1_000 + made++, KeyHash.of(KEY.publicKey())));
        Transaction draft = new Transaction(Transaction.CURRENT_VERSION, unsigned, outputs);
        byte[] signature = Ed25519Keys.sign(KEY.privateKey(), draft.sigHash());
        return new Transaction(Transaction.CURRENT_VERSION,
                unsigned.stream().map(in -> in.withSignature(signature)).toList(), outputs);
    }
}
