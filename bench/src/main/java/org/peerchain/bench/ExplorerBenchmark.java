package org.peerchain.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxInput;
import org.peerchain.core.TxOutput;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.TxIndexState;

/**
 * How fast the explorer's reads are on a long chain, through the chain service as the screen calls it: a page of
 * block summaries at a random height, a block's detail, a transaction's detail (through the transaction index) and
 * searches by height, hash and txid. Builds a regtest chain of N blocks with two signed transactions in each block
 * past the 100th (or reuses one in {@code --datadir}); prints the 95th percentile of each, in milliseconds.
 */
public final class ExplorerBenchmark {
    public static final int DEFAULT_BLOCKS = 100_000;
    public static final int DEFAULT_SAMPLES = 500;
    static final int PAGE = 50;
    /** Blocks whose coinbase only pays the miner: the first spend needs a mature coinbase. */
    private static final int MATURITY = 100;
    private static final long FEE = 1_000;
    /** The small output each block's first transaction makes for the next block's second one to spend. */
    private static final long SIDE_OUTPUT = 5_000;
    private static final int PROGRESS_EVERY = 10_000;

    private ExplorerBenchmark() {
    }

    public static void run(PrintStream out, int blocks, int samples, Path datadir) throws Exception {
        Path dir = datadir != null ? datadir : Files.createTempDirectory("peerchain-explorer-bench");
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF).withTxIndex(true))) {
            ChainService chain = node.services().chain();
            if (chain.height() == 0) {
                long started = System.nanoTime();
                build(node, blocks, out);
                out.printf("Built %,d blocks in %.1f s%n", blocks, (System.nanoTime() - started) / 1e9);
            } else {
                out.printf("Reusing the chain in %s: %,d blocks%n", dir, chain.height());
            }
            awaitIndex(chain, out);
            measure(chain, samples, out);
        }
    }

    /**
     * A regtest chain of {@code blocks} blocks with the transaction index built, in {@code dir}: the explorer's chain,
     * also the one {@code bench ui} opens the wallet on. Keeps a chain already there.
     */
    public static void buildChain(Path dir, int blocks, PrintStream out) throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF).withTxIndex(true))) {
            if (node.services().chain().height() == 0) {
                long started = System.nanoTime();
                build(node, blocks, out);
                out.printf("Built %,d blocks in %.1f s%n", blocks, (System.nanoTime() - started) / 1e9);
            }
            awaitIndex(node.services().chain(), out);
        }
    }

    /** Blocks 1..100 pay the miner; from 101 each block moves a lane of coins on, in two transactions. */
    private static void build(Node node, int blocks, PrintStream out) throws ValidationException {
        Ed25519Keys.KeyPair key = Ed25519Keys.fromPrivateKey(
                Hash.sha256d("explorer-bench".getBytes(StandardCharsets.UTF_8)).toBytes());
        KeyHash payTo = KeyHash.of(key.publicKey());
        RegtestBlockBuilder builder = new RegtestBlockBuilder();
        Block first = null;
        Transaction lane = null;
        for (int h = 1; h <= blocks; h++) {
            List<Transaction> txs = new ArrayList<>(2);
            if (h == MATURITY + 1) {
                OutPoint coinbase = new OutPoint(first.transactions().get(0).txid(), 0);
                long value = first.transactions().get(0).outputs().get(0).amount();
                lane = sign(key, List.of(coinbase), List.of(new TxOutput(value - FEE - SIDE_OUTPUT, payTo),
                        new TxOutput(SIDE_OUTPUT, payTo)));
                txs.add(lane);
            } else if (h > MATURITY + 1) {
                Transaction previous = lane;
                long value = previous.outputs().get(0).amount();
                lane = sign(key, List.of(new OutPoint(previous.txid(), 0)),
                        List.of(new TxOutput(value - FEE - SIDE_OUTPUT, payTo), new TxOutput(SIDE_OUTPUT, payTo)));
                txs.add(lane);
                txs.add(sign(key, List.of(new OutPoint(previous.txid(), 1)),
                        List.of(new TxOutput(SIDE_OUTPUT - FEE, payTo))));
            }
            Block b = builder.next(payTo, FEE * txs.size(), txs);
            if (h == 1) {
                first = b;
            }
            BlockOutcome outcome = node.submitBlock(b);
            if (outcome != BlockOutcome.ACTIVE) {
                throw new IllegalStateException("block " + h + " did not connect: " + outcome);
            }
            if (h % PROGRESS_EVERY == 0) {
                out.printf("  %,d blocks%n", h);
            }
        }
    }

    private static Transaction sign(Ed25519Keys.KeyPair key, List<OutPoint> inputs, List<TxOutput> outputs) {
        List<TxInput> unsigned = inputs.stream().map(p -> new TxInput(p, key.publicKey(), new byte[0])).toList();
        Transaction draft = new Transaction(Transaction.CURRENT_VERSION, unsigned, outputs);
        byte[] signature = Ed25519Keys.sign(key, draft.sigHash());
        return new Transaction(Transaction.CURRENT_VERSION,
                unsigned.stream().map(in -> in.withSignature(signature)).toList(), outputs);
    }

    private static void awaitIndex(ChainService chain, PrintStream out) throws InterruptedException {
        TxIndexState s = chain.txIndex();
        if (s.indexedHeight() < s.chainHeight()) {
            out.printf("Waiting for the transaction index (%,d of %,d)...%n", Math.max(0, s.indexedHeight()),
                    s.chainHeight());
        }
        while ((s = chain.txIndex()).indexedHeight() < s.chainHeight()) {
            Thread.sleep(100);
        }
    }

    private static void measure(ChainService chain, int samples, PrintStream out) {
        int height = chain.height();
        Random random = new Random(42);
        int lowestWithTxs = Math.min(height, MATURITY + 2);
        List<Hash> txids = new ArrayList<>(samples);
        List<Hash> hashes = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            int h = lowestWithTxs + random.nextInt(height - lowestWithTxs + 1);
            Block b = chain.rawBlock(chain.blockHash(h).orElseThrow()).orElseThrow();
            hashes.add(b.hash());
            txids.add(b.transactions().get(b.transactions().size() - 1).txid());
        }
        double page = p95(samples, i -> () -> chain.blocks(PAGE + random.nextInt(Math.max(1, height - PAGE + 1)), PAGE));
        double block = p95(samples, i -> () -> chain.block(hashes.get(i)).orElseThrow());
        double tx = p95(samples, i -> () -> chain.transaction(txids.get(i)).orElseThrow());
        double search = p95(samples, i -> switch (i % 3) {
            case 0 -> () -> chain.search(Integer.toString(random.nextInt(height + 1)));
            case 1 -> () -> chain.search(hashes.get(i).toHex());
            default -> () -> chain.search(txids.get(i).toHex());
        });
        out.printf("Chain of %,d blocks, %,d samples of each read%n", height, samples);
        out.printf("explorer_page_ms_p95: %.3f%n", page);
        out.printf("explorer_block_ms_p95: %.3f%n", block);
        out.printf("explorer_tx_ms_p95: %.3f%n", tx);
        out.printf("explorer_search_ms_p95: %.3f%n", search);
    }

    /** Runs each sample once to warm up, then times it; the 95th percentile in milliseconds. */
    private static double p95(int samples, IntFunction<Runnable> sample) {
        for (int i = 0; i < Math.min(samples, 50); i++) {
            sample.apply(i).run();
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            Runnable r = sample.apply(i);
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[(int) Math.ceil(0.95 * samples) - 1];
    }
}
