package org.peerchain.consensus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.consensus.BlockRulesTest.assertRejects;
import static org.peerchain.consensus.RegtestFixture.key;
import static org.peerchain.consensus.RegtestFixture.keyHash;
import static org.peerchain.consensus.RegtestFixture.outPoint;
import static org.peerchain.consensus.RegtestFixture.signed;
import static org.peerchain.consensus.RegtestFixture.spend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.core.Amount;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

/** Each transaction rule, broken alone by an otherwise valid signed transaction, rejects with its code. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TxRulesTest {
    private static final Ed25519Keys.KeyPair ALICE = key(3);
    private static final Ed25519Keys.KeyPair BOB = key(4);
    private static final int HEIGHT = 500;
    private static final long TEN_COINS = Amount.coins(10);

    /** Coins 1 and 2 belong to Alice, coin 3 to Bob, all old enough to spend at {@link #HEIGHT}. */
    private static RegtestFixture.Coins wallet() {
        return new RegtestFixture.Coins()
                .add(outPoint(1), TEN_COINS, keyHash(ALICE), 10, false)
                .add(outPoint(2), TEN_COINS, keyHash(ALICE), 10, true)
                .add(outPoint(3), TEN_COINS, keyHash(BOB), 10, false);
    }

    private static TxOutput pay(long amount) {
        return new TxOutput(amount, keyHash(key(2)));
    }

    private static Transaction aliceSpends(OutPoint... prevouts) {
        return aliceSpends(List.of(pay(Amount.coins(1))), prevouts);
    }

    private static Transaction aliceSpends(List<TxOutput> outputs, OutPoint... prevouts) {
        return signed(Transaction.CURRENT_VERSION, List.of(prevouts), Collections.nCopies(prevouts.length, ALICE), outputs);
    }

    private static void assertFullyValid(Transaction tx, UtxoView coins, int height) throws ValidationException {
        TxRules.checkTransaction(tx);
        TxRules.checkInputs(tx, coins, height);
        TxRules.checkSignatures(tx);
    }

    @Test
    void acceptsAMultiInputTransactionSignedByEachOwnerAndReturnsItsFee() throws ValidationException {
        Transaction tx = signed(Transaction.CURRENT_VERSION, List.of(outPoint(1), outPoint(3)), List.of(ALICE, BOB),
                List.of(pay(Amount.coins(15)), pay(Amount.coins(4))));
        assertFullyValid(tx, wallet(), HEIGHT);
        assertEquals(Amount.coins(1), TxRules.checkInputs(tx, wallet(), HEIGHT));
    }

    @Test
    void rejectsTransactionWithoutInputs() {
        Transaction tx = new Transaction(Transaction.CURRENT_VERSION, List.of(), List.of(pay(1)));
        assertRejects("bad-txns-vin-empty", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsTransactionWithoutOutputs() {
        Transaction tx = aliceSpends(List.of(), outPoint(1));
        assertRejects("bad-txns-vout-empty", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsTransactionOverTheSizeLimit() {
        int outputs = ChainParams.MAX_TX_SIZE / 28 + 1;
        Transaction tx = aliceSpends(Collections.nCopies(outputs, pay(1)), outPoint(1));
        assertTrue(tx.size() > ChainParams.MAX_TX_SIZE);
        assertDoesNotThrow(() -> TxRules.checkInputs(tx, wallet(), HEIGHT));
        assertRejects("bad-txns-oversize", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsTransactionVersionOtherThanOne() {
        for (int version : new int[] {0, 2, -1}) {
            Transaction tx = signed(version, List.of(outPoint(1)), List.of(ALICE), List.of(pay(1)));
            assertDoesNotThrow(() -> TxRules.checkSignatures(tx));
            assertRejects("bad-txns-version", () -> TxRules.checkTransaction(tx));
        }
    }

    @Test
    void rejectsNegativeOutput() {
        Transaction tx = aliceSpends(List.of(pay(Amount.coins(1)), pay(-1)), outPoint(1));
        assertRejects("bad-txns-vout-negative", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsOutputLargerThanTheCoinSupply() {
        assertDoesNotThrow(() -> TxRules.checkTransaction(aliceSpends(List.of(pay(ChainParams.MAX_MONEY)), outPoint(1))));
        Transaction tx = aliceSpends(List.of(pay(ChainParams.MAX_MONEY + 1)), outPoint(1));
        assertRejects("bad-txns-vout-toolarge", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsOutputsThatTogetherExceedTheCoinSupply() {
        Transaction tx = aliceSpends(List.of(pay(ChainParams.MAX_MONEY), pay(1)), outPoint(1));
        assertRejects("bad-txns-txouttotal-toolarge", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsTransactionThatSpendsTheSameOutputTwice() {
        Transaction tx = aliceSpends(outPoint(1), outPoint(2), outPoint(1));
        assertRejects("bad-txns-inputs-duplicate", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsNonCoinbaseInputThatSpendsTheNullOutpoint() {
        Transaction tx = aliceSpends(outPoint(1), OutPoint.NULL);
        assertRejects("bad-txns-prevout-null", () -> TxRules.checkTransaction(tx));
    }

    @Test
    void rejectsPublicKeyThatIsNot32Bytes() {
        Transaction good = aliceSpends(outPoint(1));
        TxInput in = good.inputs().get(0);
        for (int length : new int[] {0, 31}) {
            Transaction tx = new Transaction(good.version(),
                    List.of(new TxInput(in.prevout(), Arrays.copyOf(in.publicKey(), length), in.signature())),
                    good.outputs());
            assertRejects("bad-txns-pubkey-size", () -> TxRules.checkTransaction(tx));
        }
    }

    @Test
    void rejectsSignatureThatIsNot64Bytes() {
        Transaction good = aliceSpends(outPoint(1));
        for (int length : new int[] {0, 63, 65}) {
            TxInput in = good.inputs().get(0);
            Transaction tx = new Transaction(good.version(),
                    List.of(in.withSignature(Arrays.copyOf(in.signature(), length))), good.outputs());
            assertRejects("bad-txns-sig-size", () -> TxRules.checkTransaction(tx));
        }
    }

    @Test
    void rejectsSpendOfAnOutputThatDoesNotExistOrIsSpent() {
        Transaction tx = aliceSpends(outPoint(1), outPoint(99));
        assertDoesNotThrow(() -> TxRules.checkTransaction(tx));
        assertRejects("bad-txns-inputs-missingorspent", () -> TxRules.checkInputs(tx, wallet(), HEIGHT));
    }

    @Test
    void rejectsSpendOfACoinbaseOutputOneBlockBeforeMaturityAndAcceptsItAtMaturity() throws ValidationException {
        int minedAt = 10;
        Transaction tx = aliceSpends(outPoint(2));
        assertRejects("bad-txns-premature-spend-of-coinbase",
                () -> TxRules.checkInputs(tx, wallet(), minedAt + ChainParams.COINBASE_MATURITY - 1));
        assertFullyValid(tx, wallet(), minedAt + ChainParams.COINBASE_MATURITY);
    }

    @Test
    void acceptsSpendOfANonCoinbaseOutputInTheNextBlock() {
        Transaction tx = aliceSpends(outPoint(1));
        assertDoesNotThrow(() -> TxRules.checkInputs(tx, wallet(), 11));
    }

    @Test
    void rejectsInputWhosePublicKeyIsNotTheOneTheOutputPays() {
        // Bob signs correctly with his own key, but the coin belongs to Alice.
        Transaction tx = signed(Transaction.CURRENT_VERSION, List.of(outPoint(1)), List.of(BOB), List.of(pay(1)));
        assertDoesNotThrow(() -> TxRules.checkSignatures(tx));
        assertRejects("bad-txns-key-mismatch", () -> TxRules.checkInputs(tx, wallet(), HEIGHT));
    }

    @Test
    void rejectsTransactionThatPaysOutMoreThanItsInputs() {
        Transaction exact = aliceSpends(List.of(pay(TEN_COINS)), outPoint(1));
        assertDoesNotThrow(() -> assertEquals(0, TxRules.checkInputs(exact, wallet(), HEIGHT)));
        Transaction tx = aliceSpends(List.of(pay(TEN_COINS), pay(1)), outPoint(1));
        assertRejects("bad-txns-in-belowout", () -> TxRules.checkInputs(tx, wallet(), HEIGHT));
    }

    @Test
    void rejectsInputsThatTogetherExceedTheCoinSupply() {
        RegtestFixture.Coins coins = new RegtestFixture.Coins()
                .add(outPoint(1), ChainParams.MAX_MONEY, keyHash(ALICE), 10, false)
                .add(outPoint(2), ChainParams.MAX_MONEY, keyHash(ALICE), 10, false);
        Transaction tx = aliceSpends(outPoint(1), outPoint(2));
        assertRejects("bad-txns-inputvalues-outofrange", () -> TxRules.checkInputs(tx, coins, HEIGHT));
    }

    @Test
    void rejectsInputValuesOutOfRangeEvenWhenTheirSumWouldOverflow() {
        // No valid UTXO set holds such a coin; the check must still not be fooled by a wrapped sum.
        RegtestFixture.Coins coins = new RegtestFixture.Coins()
                .add(outPoint(1), 1, keyHash(ALICE), 10, false)
                .add(outPoint(2), Long.MAX_VALUE, keyHash(ALICE), 10, false);
        Transaction tx = aliceSpends(outPoint(1), outPoint(2));
        assertRejects("bad-txns-inputvalues-outofrange", () -> TxRules.checkInputs(tx, coins, HEIGHT));
    }

    @Test
    void rejectsTransactionChangedAfterItWasSigned() {
        Transaction good = aliceSpends(outPoint(1));
        Transaction tx = new Transaction(good.version(), good.inputs(), List.of(new TxOutput(Amount.coins(1), keyHash(BOB))));
        assertDoesNotThrow(() -> TxRules.checkTransaction(tx));
        assertDoesNotThrow(() -> TxRules.checkInputs(tx, wallet(), HEIGHT));
        assertRejects("bad-sig", () -> TxRules.checkSignatures(tx));
    }

    @Test
    void rejectsTransactionWhoseSecondInputIsSignedByTheWrongKey() {
        Transaction good = signed(Transaction.CURRENT_VERSION, List.of(outPoint(1), outPoint(3)), List.of(ALICE, BOB),
                List.of(pay(1)));
        TxInput second = good.inputs().get(1);
        byte[] forged = Ed25519Keys.sign(ALICE.privateKey(), good.sigHash());
        Transaction tx = new Transaction(good.version(), List.of(good.inputs().get(0), second.withSignature(forged)),
                good.outputs());
        assertDoesNotThrow(() -> TxRules.checkInputs(tx, wallet(), HEIGHT));
        assertRejects("bad-sig", () -> TxRules.checkSignatures(tx));
    }

    @Test
    void inputsWithTheSameKeyAndSignatureCostOneVerificationAndABrokenCopyIsStillRefused() throws Exception {
        Transaction tx = aliceSpends(outPoint(1), outPoint(2));
        LongAdder verifications = new LongAdder();
        TxRules.checkSignatures(tx, verifications);
        assertEquals(1, verifications.sum(), "one key signing one message gives one signature, verified once");

        byte[] broken = tx.inputs().get(1).signature();
        broken[63] ^= 1;
        Transaction tampered = new Transaction(tx.version(), List.of(tx.inputs().get(0),
                tx.inputs().get(1).withSignature(broken)), tx.outputs());
        assertRejects("bad-sig", () -> TxRules.checkSignatures(tampered));
    }

    @Test
    void parallelSignatureCheckFindsTheOneBadTransactionAmongMany() throws Exception {
        List<Transaction> txs = new ArrayList<>();
        txs.add(RegtestFixture.coinbase(HEIGHT));
        for (int i = 0; i < 40; i++) {
            txs.add(spend(outPoint(100 + i), ALICE, Amount.coins(1)));
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-sig-check-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            SignatureVerifier verifier = new SignatureVerifier(pool);
            verifier.verify(txs).await();

            Transaction good = txs.get(23);
            TxInput in = good.inputs().get(0);
            byte[] sig = in.signature();
            sig[5] ^= 0x01;
            List<Transaction> withBad = new ArrayList<>(txs);
            withBad.set(23, new Transaction(good.version(), List.of(in.withSignature(sig)), good.outputs()));
            assertRejects("bad-sig", () -> verifier.verify(withBad).await());
            assertTrue(threadNumber.get() > 1, "the checks ran on more than one thread");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelSignatureCheckOfNoTransactionsSucceeds() {
        SignatureVerifier verifier = new SignatureVerifier(Runnable::run);
        assertDoesNotThrow(() -> verifier.verify(List.of()).await());
    }
}
