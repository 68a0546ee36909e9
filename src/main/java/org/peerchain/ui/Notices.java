package org.peerchain.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.WalletEvent;
import org.peerchain.node.api.WalletTransactionRow;
import org.peerchain.ui.fx.Formats;

/**
 * Which node events deserve a notification, and what it says: a payment received, a block this node found, the loss
 * of every peer. Pure rules over the events (no JavaFX), fed on the node's threads; the {@link Notifier} shows what
 * they return. A burst (a regtest miner finds blocks many times a second) makes one notification a
 * {@link #MIN_GAP_MILLIS}, which counts what came since the last; what a burst held back is told by
 * {@link #heldBack} once the gap has passed.
 */
final class Notices {
    /** Shortest time between two notifications of one kind. */
    static final long MIN_GAP_MILLIS = 10_000;
    /** How long a peer must have stayed to count as one the node could lose. */
    static final long SETTLED_MILLIS = 5_000;

    enum Kind { PAYMENT, BLOCK_FOUND, PEERS_LOST }

    /** One notification: a short title and a sentence. */
    record Notice(Kind kind, String title, String text) {
    }

    private long foundTotal = -1;
    private int peers = -1;
    /** When each kind was last shown; {@link Long#MIN_VALUE}: never. */
    private final long[] lastShown = new long[Kind.values().length];
    private int paymentsHeld;
    private long amountHeld;
    private int blocksHeld;
    private WalletTransactionRow lastPayment;
    private FoundBlock newestFound;

    Notices() {
        java.util.Arrays.fill(lastShown, Long.MIN_VALUE);
    }

    /** A payment to us that is new to the wallet (not a block reward of ours, not our own change). */
    synchronized Optional<Notice> on(WalletEvent.TransactionChanged e, long nowMillis) {
        WalletTransactionRow row = e.transaction();
        if (!e.added() || row.coinbase() || row.amount() <= 0) {
            return Optional.empty();
        }
        paymentsHeld++;
        amountHeld += row.amount();
        lastPayment = row;
        return due(Kind.PAYMENT, nowMillis) ? Optional.of(payments()) : Optional.empty();
    }

    private Notice payments() {
        String text = paymentsHeld == 1
                ? Formats.amount(lastPayment.amount()) + (lastPayment.confirmations() > 0
                        ? " arrived in block " + Formats.count(lastPayment.height())
                        : " is on its way: it counts as pending until a block confirms it")
                : paymentsHeld + " payments, " + Formats.amount(amountHeld) + " in all, arrived or are on their way";
        paymentsHeld = 0;
        amountHeld = 0;
        return new Notice(Kind.PAYMENT, "Payment received", text);
    }

    /** The first event sets where the count starts; a later higher total is blocks found since. */
    synchronized Optional<Notice> on(NodeEvent.FoundBlocks e, long nowMillis) {
        long before = foundTotal;
        foundTotal = Math.max(foundTotal, e.totalFound());
        if (before < 0 || e.totalFound() <= before) {
            return Optional.empty();
        }
        blocksHeld += (int) Math.min(Integer.MAX_VALUE, e.totalFound() - before);
        if (!e.blocks().isEmpty()) {
            newestFound = e.blocks().get(0);
        }
        if (newestFound == null || !due(Kind.BLOCK_FOUND, nowMillis)) {
            return Optional.empty();
        }
        return Optional.of(blocksFound());
    }

    private Notice blocksFound() {
        String text = blocksHeld == 1
                ? "Your miner found block " + Formats.count(newestFound.height()) + ": "
                        + Formats.amount(newestFound.reward()) + ", spendable in "
                        + Formats.count(newestFound.blocksToMaturity()) + " blocks"
                : "Your miner found " + Formats.count(blocksHeld) + " blocks, the newest at height "
                        + Formats.count(newestFound.height());
        blocksHeld = 0;
        return new Notice(Kind.BLOCK_FOUND, "Block found", text);
    }

    /**
     * What a burst left held back once its kind's gap has passed, so the last of a burst is told within
     * {@link #MIN_GAP_MILLIS} and a count never carries over into a later, unrelated notification. Call it now and
     * then (the notifier does every second).
     */
    synchronized List<Notice> heldBack(long nowMillis) {
        List<Notice> out = new ArrayList<>(2);
        if (paymentsHeld > 0 && due(Kind.PAYMENT, nowMillis)) {
            out.add(payments());
        }
        if (blocksHeld > 0 && newestFound != null && due(Kind.BLOCK_FOUND, nowMillis)) {
            out.add(blocksFound());
        }
        return out;
    }

    /**
     * Peers went from some to none. Only a peer that stayed {@link #SETTLED_MILLIS} counts: a tracker checking that
     * this node is alive connects, says hello and leaves within milliseconds, and its leaving is no lost connection.
     */
    synchronized Optional<Notice> on(NodeEvent.Peers e, long nowMillis) {
        int before = peers;
        long at = e.snapshot().timeMillis();
        peers = (int) e.snapshot().peers().stream().filter(p -> at - p.connectedAtMillis() >= SETTLED_MILLIS).count();
        if (before <= 0 || peers > 0 || !due(Kind.PEERS_LOST, nowMillis)) {
            return Optional.empty();
        }
        return Optional.of(new Notice(Kind.PEERS_LOST, "Connection lost",
                "The node lost its last peer: it hears of no new blocks and cannot send payments until it finds"
                        + " another (it keeps trying the trackers and the address book)"));
    }

    /** Seeds the found-blocks count, so blocks found before the window opened do not notify. */
    synchronized void startFoundCount(long total) {
        foundTotal = Math.max(foundTotal, total);
    }

    private boolean due(Kind kind, long nowMillis) {
        long last = lastShown[kind.ordinal()];
        if (last != Long.MIN_VALUE && nowMillis - last < MIN_GAP_MILLIS) {
            return false;
        }
        lastShown[kind.ordinal()] = nowMillis;
        return true;
    }
}
