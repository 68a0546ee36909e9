package org.peerchain.node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerchain.chain.ChainEvent;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.Mempool;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.node.api.FeeEstimate;
import org.peerchain.node.api.WalletService;
import org.peerchain.wallet.CoinSelector;

/**
 * Fee rates to confirm within a number of blocks ({@code estimatesmartfee}), from what the node saw: the fee rates
 * of the transactions its mempool accepted, kept while they wait and, once a block confirms them, as that block's
 * samples. A tight target takes a high quantile of the recent samples and the waiting ones (to outbid most of what
 * competes), a loose one a low quantile; when more bytes wait than {@code target} full blocks hold, the estimate is
 * at least the rate that reaches into them. Never below the mempool's floor. It follows the mempool and chain
 * through their events and keeps its own copy, so an estimate never waits on the chain's lock.
 */
final class FeeEstimator {
    /** Blocks whose confirmed fee rates are kept. */
    static final int RECENT_BLOCKS = 48;
    /** The fewest recent blocks an estimate looks at, however tight the target. */
    static final int MIN_WINDOW = 6;
    /** The most transactions remembered between acceptance and confirmation (the mempool's own limit bounds it too). */
    static final int MAX_TRACKED = 200_000;
    /** The least fee rate the mempool relays, in base units per byte. */
    static final long FLOOR = Mempool.MIN_RELAY_FEE_PER_BYTE;

    private record Waiting(double rate, int size) {
    }

    private record BlockRates(int height, double[] rates) {
    }

    private final Map<Hash, Waiting> waiting = new LinkedHashMap<>();
    private final Deque<BlockRates> recent = new ArrayDeque<>();

    FeeEstimator(EventBus events) {
        events.subscribe(MempoolEvent.TxAccepted.class, e -> accepted(e.entry().tx().txid(), e.entry().feeRate(),
                e.entry().size()));
        events.subscribe(MempoolEvent.TxRemoved.class, e -> {
            if (e.reason() != MempoolEvent.Reason.CONFIRMED) {
                removed(e.txid());
            }
        });
        events.subscribe(ChainEvent.BlockConnected.class, e -> connected(e.block(), e.height()));
        events.subscribe(ChainEvent.BlockDisconnected.class, e -> disconnected(e.height()));
    }

    synchronized void accepted(Hash txid, double rate, int size) {
        waiting.put(txid, new Waiting(rate, size));
        if (waiting.size() > MAX_TRACKED) {
            Iterator<Hash> oldest = waiting.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized void removed(Hash txid) {
        waiting.remove(txid);
    }

    private synchronized void connected(Block block, int height) {
        List<Double> rates = new ArrayList<>();
        for (Transaction tx : block.transactions()) {
            Waiting w = tx.isCoinbase() ? null : waiting.remove(tx.txid());
            if (w != null) {
                rates.add(w.rate());
            }
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        recent.addLast(new BlockRates(height, sorted));
        while (recent.size() > RECENT_BLOCKS) {
            recent.removeFirst();
        }
    }

    private synchronized void disconnected(int height) {
        if (!recent.isEmpty() && recent.peekLast().height() == height) {
            recent.removeLast();
        }
    }

    /** The estimate for {@code targetBlocks}, clamped to 1 to {@value WalletService#MAX_FEE_TARGET}. */
    synchronized FeeEstimate estimate(int targetBlocks) {
        int target = Math.max(1, Math.min(WalletService.MAX_FEE_TARGET, targetBlocks));
        int window = Math.min(RECENT_BLOCKS, Math.max(MIN_WINDOW, 2 * target));
        List<Double> samples = new ArrayList<>();
        Iterator<BlockRates> newestFirst = recent.descendingIterator();
        for (int i = 0; i < window && newestFirst.hasNext(); i++) {
            for (double r : newestFirst.next().rates()) {
                samples.add(r);
            }
        }
        for (Waiting w : waiting.values()) {
            samples.add(w.rate());
        }
        double rate = 0;
        if (!samples.isEmpty()) {
            double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            rate = sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile(target) * sorted.length))];
        }
        rate = Math.max(rate, congestionRate(target));
        long perByte = Math.min(CoinSelector.MAX_FEE_RATE, (long) Math.ceil(rate));
        boolean atFloor = perByte <= FLOOR;
        return new FeeEstimate(target, Math.max(FLOOR, perByte), FLOOR, atFloor, samples.size());
    }

    /** How far up the fee rates a target reaches: the next block wants to outbid nine in ten, a week one in ten. */
    static double quantile(int target) {
        if (target <= 1) {
            return 0.9;
        } else if (target <= 2) {
            return 0.75;
        } else if (target <= 6) {
            return 0.5;
        } else if (target <= 12) {
            return 0.25;
        }
        return 0.1;
    }

    /** The rate of the waiting byte at depth {@code target} full blocks (best paying first), or 0 if fewer wait. */
    private double congestionRate(int target) {
        long room = (long) target * ChainParams.MAX_BLOCK_SIZE;
        Waiting[] byRate = waiting.values().toArray(new Waiting[0]);
        Arrays.sort(byRate, (a, b) -> Double.compare(b.rate(), a.rate()));
        long bytes = 0;
        for (Waiting w : byRate) {
            bytes += w.size();
            if (bytes > room) {
                return w.rate();
            }
        }
        return 0;
    }

    /** Transactions waiting, for tests. */
    synchronized int waitingCount() {
        return waiting.size();
    }
}
