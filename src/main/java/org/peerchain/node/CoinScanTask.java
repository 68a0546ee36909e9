package org.peerchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.peerchain.chain.ChainState;
import org.peerchain.core.KeyHash;
import org.peerchain.node.api.CoinScan;

/** One scan of the UTXO set for some key hashes, run on its own thread; cancelling ends it at its next check. */
final class CoinScanTask implements CoinScan, Runnable {
    private final ChainState chain;
    private final Set<KeyHash> keyHashes;
    private final Function<KeyHash, String> address;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile double progress;
    private volatile boolean cancelled;

    CoinScanTask(ChainState chain, Set<KeyHash> keyHashes, Function<KeyHash, String> address) {
        this.chain = chain;
        this.keyHashes = Set.copyOf(keyHashes);
        this.address = address;
    }

    @Override
    public void run() {
        try {
            ChainState.ScannedCoins found = chain.scanCoins(keyHashes, p -> progress = p, () -> cancelled);
            List<Coin> coins = new ArrayList<>(found.coins().size());
            long total = 0;
            for (ChainState.CoinAt c : found.coins()) {
                coins.add(new Coin(c.outPoint().txid(), (int) c.outPoint().index(),
                        address.apply(c.coin().output().keyHash()), c.coin().output().amount(), c.coin().height()));
                total += c.coin().output().amount();
            }
            progress = 1;
            result.complete(new Result(found.height(), found.bestBlock(), found.txouts(), coins, total));
        } catch (RuntimeException e) {
            // a CancellationException too: the result then says the scan was cancelled
            result.completeExceptionally(e);
        }
    }

    @Override
    public double progress() {
        return progress;
    }

    @Override
    public void cancel() {
        cancelled = true;
        result.completeExceptionally(new CancellationException("the scan was cancelled"));
    }

    @Override
    public CompletableFuture<Result> result() {
        return result;
    }
}
