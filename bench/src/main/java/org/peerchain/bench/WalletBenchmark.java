package org.peerchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.ChainState;
import org.peerchain.consensus.ChainParams;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.events.EventBus;
import org.peerchain.core.Amount;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.SendRequest;
import org.peerchain.node.api.SendReview;
import org.peerchain.node.api.WalletService;
import org.peerchain.wallet.CoinSelection;
import org.peerchain.wallet.CoinSelectionException;
import org.peerchain.wallet.CoinSelector;
import org.peerchain.wallet.KeyChain;
import org.peerchain.wallet.KeyPath;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.KeystoreException;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.SpendableOutput;
import org.peerchain.wallet.TransactionSigner;
import org.peerchain.wallet.Wallet;

/**
 * {@code peerchain bench wallet}: times a send from a wallet of {@value #UTXO_COUNT} unspent outputs (coin selection,
 * key derivation for the chosen inputs, signing; the median of {@value #RUNS} runs after {@value #WARMUP_RUNS}
 * warm-up runs), then a restore: a wallet made from a recovery phrase opens on a stored regtest chain of
 * {@value #DEFAULT_RESCAN_BLOCKS} blocks whose every coinbase pays it, and scans the chain from genesis into its
 * database. Then the desktop's figures through the wallet service (see {@link #desktopFigures}). The headline figures
 * come last, as {@code name: value}.
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
    public static final int DEFAULT_RESCAN_BLOCKS = 20_000;
    /** How many of the wallet's receive keys the benchmark chain's coinbases pay, in turn. */
    static final int PAID_KEYS = 20;
    /** The desktop figures' wallet is paid between {@link #MIN_OUTPUT} and this (base units) per transaction. */
    static final long DESKTOP_MAX_OUTPUT = 5_000_000;
    /** About four of the desktop wallet's outputs. */
    static final long DESKTOP_SEND_AMOUNT = 10_000_000;
    /** Mature rewards the funder of the desktop wallet spends (10,000 payments of 0.025 coin on average need six). */
    static final int FUNDING_REWARDS = 20;
    static final long FUNDING_FEE = 1_000;
    static final int TRANSACTIONS_PER_BLOCK = 200;
    private static final char[] PASSWORD = "benchmark password".toCharArray();

    private WalletBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out, DEFAULT_RESCAN_BLOCKS);
    }

    public static void run(PrintStream out, int rescanBlocks) throws Exception {
        run(out, rescanBlocks, UTXO_COUNT);
    }

    /** As {@link #run(PrintStream, int)} with a wallet of {@code walletTransactions} for the desktop's figures. */
    public static void run(PrintStream out, int rescanBlocks, int walletTransactions) throws Exception {
        double buildSignMs = buildAndSign(out);
        double rescanRate = rescan(out, rescanBlocks);
        double[] desktop = desktopFigures(out, walletTransactions);
        out.printf(java.util.Locale.ROOT, "build_sign_tx_ms: %.3f%n", buildSignMs);
        out.printf(java.util.Locale.ROOT, "rescan_blocks_per_s: %.0f%n", rescanRate);
        out.printf(java.util.Locale.ROOT, "history_open_ms: %.3f%n", desktop[0]);
        out.printf(java.util.Locale.ROOT, "send_review_ms: %.3f%n", desktop[1]);
    }

    /**
     * The desktop's two wallet figures, through the node's wallet service as the screens use it, on a node whose
     * wallet has {@code transactions} transactions ({@value #UTXO_COUNT} in the headline run) (each block's coinbase pays it an amount between
     * {@value #MIN_OUTPUT} and {@value #MAX_OUTPUT} base units, the rest of the reward to someone else):
     * {@code history_open_ms} reads the whole history (the Transactions screen's data), {@code send_review_ms} builds
     * and signs a send among those outputs up to its review (the confirmation dialog). Medians of {@value #RUNS} runs.
     */
    private static double[] desktopFigures(PrintStream out, int transactions) throws Exception {
        RecoveryPhrase phrase = RecoveryPhrase.fromEntropy(new byte[RecoveryPhrase.ENTROPY_BYTES]);
        List<KeyHash> paid = new ArrayList<>();
        byte[] seed = phrase.toSeed("");
        try (KeyChain keys = KeyChain.fromSeed(seed)) {
            for (int i = 0; i < PAID_KEYS; i++) {
                paid.add(KeyHash.of(keys.publicKey(KeyPath.receive(i))));
            }
        }
        out.printf("Building a wallet of %,d transactions for the desktop's figures...%n", transactions);
        Path dir = Files.createTempDirectory("peerchain-bench-wallet-desktop");
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "bench-verify");
            t.setDaemon(true);
            return t;
        });
        Random random = new Random(SEED_FOR_AMOUNTS);
        KeyHash someoneElse = KeyHash.of(new byte[32]);
        try {
            RegtestBlockBuilder builder = new RegtestBlockBuilder();
            long clock = builder.time() + transactions + 1;
            try (ChainState chain = ChainState.open(dir, ChainParams.REGTEST, new EventBus(), pool, () -> clock);
                    KeyChain funder = KeyChain.fromSeed(new byte[64])) {
                // The funder mines rewards, then pays the wallet once per transaction from a chain of its change.
                Ed25519Keys.KeyPair funds = funder.keyPair(KeyPath.receive(0));
                KeyHash fundsHash = KeyHash.of(funds.publicKey());
                List<Block> rewards = new ArrayList<>();
                for (int h = 1; h <= ChainParams.COINBASE_MATURITY + FUNDING_REWARDS; h++) {
                    rewards.add(connect(chain, builder.next(fundsHash, 0, List.of())));
                }
                int reward = 0;
                OutPoint coin = new OutPoint(rewards.get(reward).transactions().get(0).txid(), 0);
                long value = rewards.get(reward).transactions().get(0).outputs().get(0).amount();
                List<Transaction> block = new ArrayList<>();
                for (int i = 0; i < transactions; i++) {
                    long amount = MIN_OUTPUT + (long) (random.nextDouble() * (DESKTOP_MAX_OUTPUT - MIN_OUTPUT));
                    if (value - amount - FUNDING_FEE < MIN_OUTPUT) {
                        reward++;
                        coin = new OutPoint(rewards.get(reward).transactions().get(0).txid(), 0);
                        value = rewards.get(reward).transactions().get(0).outputs().get(0).amount();
                    }
                    long change = value - amount - FUNDING_FEE;
                    Transaction tx = TransactionSigner.sign(List.of(new TransactionSigner.SigningInput(coin, funds)),
                            List.of(new TxOutput(amount, paid.get(i % PAID_KEYS)), new TxOutput(change, fundsHash)));
                    block.add(tx);
                    coin = new OutPoint(tx.txid(), 1);
                    value = change;
                    if (block.size() == TRANSACTIONS_PER_BLOCK || i == transactions - 1) {
                        connect(chain, builder.next(someoneElse, FUNDING_FEE * block.size(), block));
                        block = new ArrayList<>();
                    }
                }
            }
            Wallet.create(dir, ChainParams.REGTEST, PASSWORD, phrase, "", true, Keystore.MIN_ITERATIONS);
            try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
                WalletService wallet = node.services().wallet();
                int rows = wallet.history().size();
                if (rows != transactions) {
                    throw new IllegalStateException("the wallet has " + rows + " transactions, not " + transactions);
                }
                double historyMs = median(() -> wallet.history().size());
                wallet.unlock(PASSWORD.clone(), java.time.Duration.ofMinutes(10));
                String to = new org.peerchain.core.Address(ChainParams.REGTEST.addressPrefix(), someoneElse).encode();
                SendRequest send = SendRequest.to(to, DESKTOP_SEND_AMOUNT, FEE_RATE);
                SendReview review = wallet.review(send);
                double reviewMs = median(() -> wallet.review(send).inputs().size());
                out.printf("History: %,d rows; spendable %s in %,d coins; a review of %s spends %d inputs, %d bytes%n",
                        rows, Amount.format(wallet.balance().spendable()), wallet.coins().size(),
                        Amount.format(DESKTOP_SEND_AMOUNT), review.inputs().size(), review.sizeBytes());
                return new double[] {historyMs, reviewMs};
            }
        } finally {
            pool.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Block connect(ChainState chain, Block b) throws ValidationException {
        if (chain.processBlock(b) != BlockOutcome.ACTIVE) {
            throw new IllegalStateException("a benchmark block did not connect");
        }
        return b;
    }

    /** Something timed; returns a number so the work cannot be optimised away. */
    private interface Timed {
        int run() throws Exception;
    }

    private static double median(Timed task) throws Exception {
        long sink = 0;
        for (int i = 0; i < WARMUP_RUNS; i++) {
            sink += task.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            sink += task.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink < 0) {
            throw new IllegalStateException("impossible");
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }

    private static double buildAndSign(PrintStream out) throws CoinSelectionException {
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
        return ms[RUNS / 2];
    }

    /** Restores a wallet over a stored chain of {@code blocks} blocks; returns blocks scanned per second. */
    private static double rescan(PrintStream out, int blocks) throws IOException, KeystoreException, ValidationException {
        RecoveryPhrase phrase = RecoveryPhrase.fromEntropy(new byte[RecoveryPhrase.ENTROPY_BYTES]);
        List<KeyHash> paid = new ArrayList<>();
        byte[] seed = phrase.toSeed("");
        try (KeyChain keys = KeyChain.fromSeed(seed)) {
            for (int i = 0; i < PAID_KEYS; i++) {
                paid.add(KeyHash.of(keys.publicKey(KeyPath.receive(i))));
            }
        }
        out.printf("Building and connecting %,d regtest blocks paying the wallet...%n", blocks);
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        Path dir = Files.createTempDirectory("peerchain-bench-wallet");
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "bench-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            long clock = builder.time() + blocks + 1;
            try (ChainState chain = ChainState.open(dir, ChainParams.REGTEST, new EventBus(), pool, () -> clock)) {
                for (int h = 0; h < blocks; h++) {
                    Block b = builder.next(paid.get(h % PAID_KEYS), 0, List.of());
                    if (chain.processBlock(b) != BlockOutcome.ACTIVE) {
                        throw new IllegalStateException("a benchmark block did not connect");
                    }
                }
            }
            Wallet.create(dir, ChainParams.REGTEST, PASSWORD, phrase, "", true, Keystore.MIN_ITERATIONS);
            try (ChainState chain = ChainState.open(dir, ChainParams.REGTEST, new EventBus(), pool, () -> clock)) {
                long start = System.nanoTime();
                try (Wallet wallet = Wallet.open(dir, chain, new EventBus(), tx -> {
                    throw new ValidationException("no-mempool", "the benchmark has no mempool");
                }, Clock.systemUTC())) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    int txs = wallet.history().size();
                    if (txs != blocks) {
                        throw new IllegalStateException("the restore found " + txs + " transactions, not " + blocks);
                    }
                    out.printf("Restored: %,d blocks scanned in %.2f s, %,d wallet transactions, balance %s%n", blocks,
                            seconds, txs, Amount.format(wallet.balances().total()));
                    return blocks / seconds;
                }
            }
        } finally {
            pool.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Transaction send(List<SpendableOutput> utxos, KeyHash payTo, KeyHash changeTo, KeyChain keys)
            throws CoinSelectionException {
        CoinSelection selection = CoinSelector.select(utxos, SEND_AMOUNT, FEE_RATE);
        return TransactionSigner.sign(selection, payTo, changeTo, keys);
    }
}
