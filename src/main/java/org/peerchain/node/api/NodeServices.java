package org.peerchain.node.api;

import java.util.function.Consumer;

/**
 * A running node as a front end sees it: typed services and typed events. The desktop, the command line and
 * the RPC methods all go through these, so a screen and its RPC twin cannot disagree.
 */
public interface NodeServices {
    NodeStatus status();

    ChainService chain();

    MiningControl mining();

    PeerService peers();

    /** The wallet: there with or without a wallet in the data directory (its state says which). */
    WalletService wallet();

    /**
     * Subscribes to the events of {@code type} (one of the records in this package, {@link NodeEvent} for all the
     * node's, {@link WalletEvent} for all the wallet's).
     * The listener runs on the publishing thread and must return quickly.
     */
    <E> Subscription subscribe(Class<E> type, Consumer<? super E> listener);

    /** Asks the node to stop; returns at once. A {@link NodeEvent.Lifecycle} with {@code STOPPED} follows. */
    void requestStop();
}
