package org.peerchain.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.core.Amount;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;

@Timeout(30)
class CoinSelectorTest {
    private static final long RATE = 10;
    private static final KeyChain KEYS = KeyChain.fromSeed(new byte[64]);
    private int next;

    private SpendableOutput coin(long amount) {
        int i = next++;
        return new SpendableOutput(new OutPoint(Hash.sha256d(new byte[] {(byte) i, (byte) (i >> 8)}), i % 3), amount,
                KeyPath.receive(i));
    }

    private static KeyHash someone() {
        return KeyHash.of(new byte[32]);
    }

    @Test
    void sizeModelMatchesCoresEncodingOfARealSignedTransaction() {
        List<TxInput> ins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ins.add(new TxInput(new OutPoint(Hash.ZERO, i), new byte[32], new byte[64]));
        }
        Transaction tx = new Transaction(Transaction.CURRENT_VERSION, ins,
                List.of(new TxOutput(1, someone()), new TxOutput(2, someone())));
        assertEquals(tx.size(), TransactionSize.of(3, 2));
        assertEquals(134, TransactionSize.INPUT_BYTES);
        assertEquals(28, TransactionSize.OUTPUT_BYTES);
    }

    @Test
    void anExactMatchIsSpentWithoutChange() throws Exception {
        SpendableOutput three = coin(Amount.coins(3));
        List<SpendableOutput> wallet = List.of(coin(Amount.coins(5)), three, coin(Amount.coins(2)));
        long amount = Amount.coins(3) - CoinSelector.fee(1, 1, RATE);
        CoinSelection s = CoinSelector.select(wallet, amount, RATE);
        assertEquals(List.of(three), s.inputs());
        assertEquals(0, s.change());
        assertEquals(CoinSelector.fee(1, 1, RATE), s.fee());
    }

    @Test
    void oneBigCoinIsPreferredToManySmallOnes() throws Exception {
        List<SpendableOutput> wallet = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            wallet.add(coin(Amount.coins(1) + 7_777 * i));
        }
        SpendableOutput big = coin(Amount.coins(100));
        wallet.add(big);
        CoinSelection s = CoinSelector.select(wallet, Amount.coins(20), RATE);
        assertEquals(List.of(big), s.inputs());
        assertTrue(s.hasChange());
        assertEquals(CoinSelector.fee(1, 2, RATE), s.fee());
        assertEquals(Amount.coins(100), s.amount() + s.change() + s.fee());
    }

    @Test
    void changeBelowTheDustThresholdGoesToTheFee() throws Exception {
        long amount = Amount.coins(1);
        long justOver = amount + CoinSelector.fee(1, 1, RATE) + 500;
        CoinSelection s = CoinSelector.select(List.of(coin(justOver)), amount, RATE);
        assertFalse(s.hasChange());
        assertEquals(CoinSelector.fee(1, 1, RATE) + 500, s.fee());
    }

    @Test
    void insufficientFundsSaysWhatIsAvailableAndWhatIsNeeded() {
        List<SpendableOutput> wallet = List.of(coin(Amount.coins(2)), coin(Amount.coins(1)));
        var e = assertThrows(CoinSelectionException.class, () -> CoinSelector.select(wallet, Amount.coins(3), RATE));
        assertEquals(CoinSelectionException.Reason.INSUFFICIENT_FUNDS, e.reason());
        assertEquals("insufficient funds: the wallet has 3.00000000 spendable, and this send needs 3.00000000 plus a "
                + "fee of at least " + Amount.format(CoinSelector.fee(2, 1, RATE)), e.getMessage());
    }

    @Test
    void anAmountBelowDustIsRefusedInWords() {
        var e = assertThrows(CoinSelectionException.class,
                () -> CoinSelector.select(List.of(coin(Amount.coins(1))), 999, RATE));
        assertEquals(CoinSelectionException.Reason.AMOUNT_BELOW_DUST, e.reason());
        assertEquals("the amount 0.00000999 is below the dust threshold of 0.00001000", e.getMessage());
    }

    @Test
    void sendAllSpendsEveryOutputWorthSpendingWithNoChange() throws Exception {
        SpendableOutput a = coin(Amount.coins(2));
        SpendableOutput b = coin(Amount.coins(1));
        SpendableOutput uneconomic = coin(TransactionSize.INPUT_BYTES * RATE);
        CoinSelection s = CoinSelector.selectAll(List.of(b, uneconomic, a), RATE);
        assertEquals(List.of(a, b), s.inputs());
        assertEquals(0, s.change());
        assertEquals(CoinSelector.fee(2, 1, RATE), s.fee());
        assertEquals(Amount.coins(3) - s.fee(), s.amount());
        assertThrows(CoinSelectionException.class, () -> CoinSelector.selectAll(List.of(uneconomic), RATE));
    }

    @Test
    void aFeeRateOutOfRangeIsRefused() {
        var e = assertThrows(CoinSelectionException.class,
                () -> CoinSelector.select(List.of(coin(Amount.coins(1))), Amount.coins(1) / 2, -1));
        assertEquals(CoinSelectionException.Reason.INVALID_FEE_RATE, e.reason());
    }

    @Test
    void signedTransactionVerifiesForEveryInputAndPaysWhatWasSelected() throws Exception {
        List<SpendableOutput> wallet = List.of(coin(Amount.coins(1)), coin(Amount.coins(1)), coin(Amount.coins(1)));
        CoinSelection s = CoinSelector.select(wallet, Amount.coins(2), RATE);
        assertEquals(3, s.inputs().size());
        KeyHash change = KeyHash.of(KEYS.publicKey(KeyPath.change(0)));
        Transaction tx = TransactionSigner.sign(s, someone(), change, KEYS);
        assertEquals(Transaction.CURRENT_VERSION, tx.version());
        assertEquals(TransactionSize.of(3, s.hasChange() ? 2 : 1), tx.size());
        assertEquals(s.amount() + s.change(), tx.totalOutput());
        assertEquals(s.fee(), s.totalIn() - tx.totalOutput());
        assertTrue(s.fee() >= tx.size() * RATE);
        Hash sigHash = tx.sigHash();
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxInput in = tx.inputs().get(i);
            assertEquals(s.inputs().get(i).outpoint(), in.prevout());
            assertTrue(Ed25519Keys.verify(in.publicKey(), sigHash, in.signature()), "input " + i);
            assertEquals(KEYS.keyPair(s.inputs().get(i).keyPath()).publicKey().length, in.publicKey().length);
        }
        Transaction roundTrip = Transaction.deserialize(tx.serialize());
        assertEquals(tx.txid(), roundTrip.txid());
        // A signature does not carry over to a changed transaction.
        Transaction altered = new Transaction(tx.version(), tx.inputs(), List.of(new TxOutput(s.amount() + 1, someone())));
        assertFalse(Ed25519Keys.verify(tx.inputs().get(0).publicKey(), altered.sigHash(), tx.inputs().get(0).signature()));
    }

    @Test
    void selectsAmongTenThousandOutputsQuickly() throws Exception {
        List<SpendableOutput> wallet = new ArrayList<>();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            wallet.add(coin(100_000 + r.nextInt(10_000_000)));
        }
        CoinSelection s = CoinSelector.select(wallet, Amount.coins(3), RATE);
        assertTrue(s.inputs().size() < 50, "inputs " + s.inputs().size());
        assertEquals(s.totalIn(), s.amount() + s.change() + s.fee());
    }
}
