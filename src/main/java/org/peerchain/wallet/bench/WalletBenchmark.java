package org.peerchain.wallet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.peerchain.core.Amount;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.wallet.CoinSelection;
import org.peerchain.wallet.CoinSelectionException;
import org.peerchain.wallet.CoinSelector;
import org.peerchain.wallet.KeyChain;
import org.peerchain.wallet.KeyPath;
import org.peerchain.wallet.SpendableOutput;
import org.peerchain.wallet.TransactionSigner;

/**
 * Times a send from a wallet of {@value #UTXO_COUNT} unspent outputs: coin selection, key derivation for the
 * chosen inputs, and signing. Prints the median of {@value #RUNS} runs after {@value #WARMUP_RUNS} warm-up runs;
 * the headline figure comes last, as {@code name: value}.
 */
public final class WalletBenchmark {
    static final int UTXO_COUNT = 10_000;
    static final int WARMUP_RUNS = 20;
    static final int RUNS = 50;
    static final long FEE_RATE = 10;
    /** Output amounts between these bounds (base units), so a send needs a handful of inputs. */
    static final long MIN_OUTPUT = 100_000;
    static final long MAX_OUTPUT = 50_000_000;
    static final long SEND_AMOUNT = Amount.coins(2);
    private static final long SEED_FOR_AMOUNTS = 20_26L;

    private WalletBenchmark() {
    }

    public static void main(String[] args) throws CoinSelectionException {
        run(System.out);
    }

    public static void run(PrintStream out) throws CoinSelectionException {
        KeyChain keys = KeyChain.fromSeed(new byte[64]);
        Random random = new Random(SEED_FOR_AMOUNTS);
        List<SpendableOutput> utxos = new ArrayList<>(UTXO_COUNT);
        for (int i = 0; i < UTXO_COUNT; i++) {
            byte[] id = {(byte) i, (byte) (i >>> 8), (byte) (i >>> 16)};
            long amount = MIN_OUTPUT + (long) (random.nextDouble() * (MAX_OUTPUT - MIN_OUTPUT));
            utxos.add(new SpendableOutput(new OutPoint(Hash.sha256d(id), 0), amount, KeyPath.receive(i)));
        }
        KeyHash payTo = KeyHash.of(new byte[32]);
        KeyHash changeTo = KeyHash.of(keys.publicKey(KeyPath.change(0)));
        int inputs = 0;
        int size = 0;
        for (int i = 0; i < WARMUP_RUNS; i++) {
            send(utxos, payTo, changeTo, keys);
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Transaction tx = send(utxos, payTo, changeTo, keys);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            inputs = tx.inputs().size();
            size = tx.size();
        }
        Arrays.sort(ms);
        keys.destroy();
        out.println("utxos: " + UTXO_COUNT);
        out.println("inputs_selected: " + inputs);
        out.println("tx_bytes: " + size);
        out.printf(java.util.Locale.ROOT, "build_sign_tx_ms_min: %.3f%n", ms[0]);
        out.printf(java.util.Locale.ROOT, "build_sign_tx_ms: %.3f%n", ms[RUNS / 2]);
    }

    private static Transaction send(List<SpendableOutput> utxos, KeyHash payTo, KeyHash changeTo, KeyChain keys)
            throws CoinSelectionException {
        CoinSelection selection = CoinSelector.select(utxos, SEND_AMOUNT, FEE_RATE);
        return TransactionSigner.sign(selection, payTo, changeTo, keys);
    }
}
