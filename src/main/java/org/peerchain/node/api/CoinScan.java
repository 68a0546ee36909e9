package org.peerchain.node.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.peerchain.core.Hash;

/** A running scan of the UTXO set for some addresses; cancelled, its result completes exceptionally. */
public interface CoinScan {
    /** 0 to 1. */
    double progress();

    void cancel();

    CompletableFuture<Result> result();

    record Coin(Hash txid, int index, String address, long amount, int height) {
    }

    record Result(int height, Hash bestBlock, long coinsSearched, List<Coin> coins, long totalAmount) {
    }
}
