package org.peerchain.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.peerchain.chain.ChainEvent;
import org.peerchain.core.Block;
import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;
import org.peerchain.core.OutPoint;
import org.peerchain.core.Transaction;
import org.peerchain.core.TxOutput;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.mining.ProofOfWork;
import org.peerchain.node.Node;
import org.peerchain.p2p.HostPort;
import org.peerchain.wallet.TransactionSigner;

/**
 * Propagation over 16 loopback nodes in a random graph (each dials 2 to 4 others, so 4 to 8 connections on
 * average): the time from a block's submission on one node to the last node connecting it, and the same for a
 * transaction reaching every mempool. Headline: {@code block_propagation_ms_p50/_p95}, {@code tx_propagation_ms_p50/_p95}.
 */
public final class PropagationBenchmark {
    static final int NODES = 16;
    static final int ROUNDS = 30;
    static final int MIN_DIALS = 2;
    static final int MAX_DIALS = 4;
    private static final long TIMEOUT_MILLIS = 60_000;
    private static final long FEE = 10_000;

    private PropagationBenchmark() {
    }

    public static void run(PrintStream out) throws Exception {
        Path root = Files.createTempDirectory("peerchain-bench-propagation");
        List<Node> nodes = new ArrayList<>();
        Random rnd = new Random(42);
        Map<Hash, long[]> arrivals = new ConcurrentHashMap<>();
        try {
            for (int i = 0; i < NODES; i++) {
                List<HostPort> dials = new ArrayList<>();
                List<Node> earlier = new ArrayList<>(nodes);
                Collections.shuffle(earlier, rnd);
                int want = MIN_DIALS + rnd.nextInt(MAX_DIALS - MIN_DIALS + 1);
                for (int k = 0; k < Math.min(want, earlier.size()); k++) {
                    dials.add(LoopbackNodes.address(earlier.get(k)));
                }
                Node n = LoopbackNodes.start(root.resolve("n" + i), dials, LoopbackNodes.settings());
                int index = i;
                n.events().subscribe(ChainEvent.BlockConnected.class, e -> note(arrivals, e.block().hash(), index));
                n.events().subscribe(MempoolEvent.TxAccepted.class, e -> note(arrivals, e.entry().tx().txid(), index));
                nodes.add(n);
            }
            Ed25519Keys.KeyPair key = Ed25519Keys.generate(new SecureRandom());
            KeyHash payTo = KeyHash.of(key.publicKey());
            RegtestBlockBuilder builder = new RegtestBlockBuilder();
            List<Block> prefix = new ArrayList<>();
            for (int i = 0; i < 100 + ROUNDS; i++) {
                Block b = builder.next(payTo, 0, List.of());
                prefix.add(b);
                nodes.get(0).submitBlock(b);
            }
            Hash prefixTip = nodes.get(0).chain().tip().hash();
            LoopbackNodes.await("every node on the shared prefix", TIMEOUT_MILLIS,
                    () -> nodes.stream().allMatch(n -> n.chain().tip().hash().equals(prefixTip)));
            int connections = nodes.stream().mapToInt(n -> n.network().connectionCount()).sum();
            out.printf("%d nodes, %.1f connections per node%n", NODES, (double) connections / NODES);

            List<Double> blockMs = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                Node miner = nodes.get(rnd.nextInt(NODES));
                Block b = ProofOfWork.solve(miner.assembler().assemble(payTo, r).block(), 10_000_000);
                blockMs.add(measure(arrivals, b.hash(), () -> miner.submitBlock(b)));
            }
            List<Double> txMs = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                Transaction cb = prefix.get(r).transactions().get(0);
                Transaction tx = TransactionSigner.sign(List.of(new TransactionSigner.SigningInput(new OutPoint(cb.txid(), 0), key)),
                        List.of(new TxOutput(cb.totalOutput() - FEE, payTo)));
                Node origin = nodes.get(rnd.nextInt(NODES));
                txMs.add(measure(arrivals, tx.txid(), () -> origin.submitTransaction(tx)));
            }
            Collections.sort(blockMs);
            Collections.sort(txMs);
            out.printf("block_propagation_ms_p50: %.1f%n", LoopbackNodes.percentile(blockMs, 0.50));
            out.printf("block_propagation_ms_p95: %.1f%n", LoopbackNodes.percentile(blockMs, 0.95));
            out.printf("tx_propagation_ms_p50: %.1f%n", LoopbackNodes.percentile(txMs, 0.50));
            out.printf("tx_propagation_ms_p95: %.1f%n", LoopbackNodes.percentile(txMs, 0.95));
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
            LoopbackNodes.deleteTree(root);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Milliseconds from {@code submit} to the last of the nodes seeing {@code id}. */
    private static double measure(Map<Hash, long[]> arrivals, Hash id, Action submit) throws Exception {
        long[] seen = new long[NODES];
        arrivals.put(id, seen);
        long start = System.nanoTime();
        submit.run();
        LoopbackNodes.await("every node seeing " + id, TIMEOUT_MILLIS, () -> {
            synchronized (seen) {
                for (long t : seen) {
                    if (t == 0) {
                        return false;
                    }
                }
                return true;
            }
        });
        long last = 0;
        synchronized (seen) {
            for (long t : seen) {
                last = Math.max(last, t);
            }
        }
        return (last - start) / 1e6;
    }

    private static void note(Map<Hash, long[]> arrivals, Hash id, int node) {
        long[] seen = arrivals.get(id);
        if (seen != null) {
            synchronized (seen) {
                if (seen[node] == 0) {
                    seen[node] = System.nanoTime();
                }
            }
        }
    }
}
