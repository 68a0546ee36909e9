package org.peerchain.ui.explorer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peerchain.core.Hash;
import org.peerchain.node.api.BlockDetail;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.ChainTip;
import org.peerchain.node.api.CoinScan;
import org.peerchain.node.api.MempoolSummary;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.SearchResult;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.TxDetail;
import org.peerchain.node.api.TxIndexState;
import org.peerchain.ui.fx.Formats;
import org.peerchain.ui.fx.FxDispatcher;
import org.peerchain.ui.fx.ShownGate;

/**
 * The explorer's state and commands: the newest blocks, the block list read page by page, the mempool and chain
 * tips, and one place at a time (a block, a transaction, an address) with Back and Forward history. Every read runs
 * on the loader executor and comes back through the dispatcher; a read that finishes after the user moved on is
 * dropped.
 */
public final class ExplorerViewModel {
    /**
     * The shortest time between two tip updates of the list and the strip: a sync moves the tip hundreds of times a
     * second, and each update inserts rows and cards the FX thread must style and lay out.
     */
    static final long TIP_EVERY_MILLIS = 400;
    /** Blocks in the strip of newest blocks. */
    public static final int NEWEST_BLOCKS = 8;
    /** Places kept behind Back. */
    static final int MAX_HISTORY = 100;
    /** How often a running address scan reports its progress. */
    static final long SCAN_POLL_MS = 200;

    private final NodeServices node;
    private final ChainService chain;
    private final FxDispatcher dispatcher;
    private final Executor loader;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Set on a node thread when a coalesced tip change hid a reorganisation. */
    private final AtomicBoolean reorganisedSinceLastTip = new AtomicBoolean();

    private final Deque<Place> back = new ArrayDeque<>();
    private final Deque<Place> forward = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<Place> place = new ReadOnlyObjectWrapper<>(new Place.Home());
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper searchMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BlockDetail> block = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TxDetail> transaction = new ReadOnlyObjectWrapper<>();

    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper scanProgress = new ReadOnlyDoubleWrapper();
    private final ObservableList<CoinScan.Coin> coins = FXCollections.observableArrayList();
    private final ObservableList<CoinScan.Coin> coinsView = FXCollections.unmodifiableObservableList(coins);
    private final ReadOnlyObjectWrapper<Optional<CoinScan.Result>> scanResult =
            new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper scanStatus = new ReadOnlyStringWrapper("");
    private CoinScan scan;

    private final ReadOnlyIntegerWrapper height = new ReadOnlyIntegerWrapper(-1);
    private final ObservableList<BlockSummary> newest = FXCollections.observableArrayList();
    private final ObservableList<BlockSummary> newestView = FXCollections.unmodifiableObservableList(newest);
    private final BlockPages blocks;
    private final ReadOnlyObjectWrapper<MempoolSummary> mempool = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ChainTip> tips = FXCollections.observableArrayList();
    private final ObservableList<ChainTip> tipsView = FXCollections.unmodifiableObservableList(tips);
    private final ReadOnlyLongWrapper now = new ReadOnlyLongWrapper(System.currentTimeMillis());
    private final ReadOnlyObjectWrapper<TxIndexState> txIndex = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper txIndexNote = new ReadOnlyStringWrapper("");
    /** Lets tip, mempool and index updates through only while the explorer is shown. */
    private final ShownGate shown;
    /** Counts the tip events taken; the height read when shown is dropped if one came first. */
    private long tipEvents;
    /** Counts the places shown; a read for an older one is dropped. */
    private long generation;

    public ExplorerViewModel(NodeServices node, FxDispatcher dispatcher, Executor loader) {
        this.node = node;
        this.chain = node.chain();
        this.dispatcher = dispatcher;
        this.shown = new ShownGate(dispatcher, this);
        this.loader = loader;
        this.blocks = new BlockPages(this::readPage);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Subscribes to the node and reads what is shown; the screen calls it when shown. */
    public void activate() {
        shown.open();
        subscriptions.add(node.subscribe(NodeEvent.TipChanged.class, e -> {
            if (e.reorganised()) {
                reorganisedSinceLastTip.set(true);
            }
            shown.postAtMost("tip", TIP_EVERY_MILLIS, () -> {
                tipEvents++;
                tipChanged(e.height());
            });
        }));
        subscriptions.add(node.subscribe(NodeEvent.Mempool.class,
                e -> shown.post("mempool-event", this::refreshMempool)));
        subscriptions.add(node.subscribe(NodeEvent.TxIndex.class,
                e -> shown.post("txindex", () -> txIndexChanged(e.state()))));
        read("txindex-read", chain::txIndex, this::txIndexChanged);
        // read off the FX thread: the chain's height waits while a connect holds the chain; a tip event that arrives
        // first is newer, and the read is then dropped
        long eventsBefore = tipEvents;
        read("height", chain::height, shown.ifShown(h -> {
            if (tipEvents == eventsBefore) {
                tipChanged(h);
            }
        }));
        refreshMempool();
        refreshTips();
        show(place.get(), true);
    }

    /** Drops the subscriptions and stops a running scan; a hidden explorer does no work. */
    public void deactivate() {
        shown.close();
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        generation++;
        stopScan();
    }

    private void tipChanged(int newHeight) {
        boolean reorganised = reorganisedSinceLastTip.getAndSet(false);
        height.set(newHeight);
        blocks.tipChanged(newHeight, reorganised);
        read("newest", () -> chain.blocks(newHeight, NEWEST_BLOCKS), shown.ifShown(newest::setAll));
        if (reorganised) {
            refreshTips();
        }
        Place p = place.get();
        if (p instanceof Place.BlockPlace || p instanceof Place.TransactionPlace) {
            show(p, true);
        }
    }

    private void txIndexChanged(TxIndexState state) {
        TxIndexState shown = txIndex.get();
        if (shown != null && shown.enabled() && state.indexedHeight() < shown.indexedHeight()) {
            return; // the first read came back after a newer event: an index that is on only grows
        }
        txIndex.set(state);
        txIndexNote.set(state.building() ? "Transaction index building: " + Formats.count(
                Math.max(0, state.indexedHeight())) + " of " + Formats.count(state.chainHeight()) + " blocks ("
                + Formats.percent(state.fraction()) + "); until it is done, only the mempool and blocks are searched"
                : "");
    }

    /** The clock the ages are counted from; the screen moves it while shown. */
    public void tick(long nowMillis) {
        now.set(nowMillis);
    }

    // ------------------------------------------------------------------ navigation

    /** Reads a height, block hash, transaction id or address and opens what it names, or says why nothing matches. */
    public void search(String query) {
        String q = query == null ? "" : query.strip();
        searching.set(true);
        read("search", () -> chain.search(q), result -> {
            searching.set(false);
            if (result instanceof SearchResult.BlockMatch b) {
                open(new Place.BlockPlace(b.hash()));
            } else if (result instanceof SearchResult.TransactionMatch t) {
                open(new Place.TransactionPlace(t.txid(), Optional.empty()));
            } else if (result instanceof SearchResult.AddressMatch a) {
                open(new Place.AddressPlace(a.address()));
            } else if (result instanceof SearchResult.NoMatch miss) {
                searchMessage.set(miss.reason());
            }
        });
    }

    public void openBlock(Hash hash) {
        open(new Place.BlockPlace(hash));
    }

    public void openTransaction(Hash txid, Optional<Hash> inBlock) {
        open(new Place.TransactionPlace(txid, inBlock));
    }

    /** Opens a transaction whose block is known by height only (the output an input spends). */
    public void openTransactionAt(Hash txid, int blockHeight) {
        open(new Place.TransactionPlace(txid, Optional.empty(), blockHeight));
    }

    public void openAddress(String a) {
        open(new Place.AddressPlace(a));
    }

    public void home() {
        open(new Place.Home());
    }

    /** Shows {@code p}, the current place going behind Back. */
    public void open(Place p) {
        searchMessage.set("");
        if (p.equals(place.get())) {
            show(p, false);
            return;
        }
        back.push(place.get());
        while (back.size() > MAX_HISTORY) {
            back.removeLast();
        }
        forward.clear();
        show(p, false);
    }

    public void back() {
        if (!back.isEmpty()) {
            forward.push(place.get());
            show(back.pop(), false);
        }
    }

    public void forward() {
        if (!forward.isEmpty()) {
            back.push(place.get());
            show(forward.pop(), false);
        }
    }

    /** Shows {@code p}; {@code quietly} keeps what is shown until the new read arrives (a refresh). */
    private void show(Place p, boolean quietly) {
        long gen = ++generation;
        canGoBack.set(!back.isEmpty());
        canGoForward.set(!forward.isEmpty());
        boolean keepScan = quietly && p.equals(place.get()) && scanning.get();
        if (!keepScan) {
            stopScan();
        }
        place.set(p);
        if (!quietly) {
            failure.set("");
        }
        if (p instanceof Place.Home) {
            loading.set(false);
        } else if (p instanceof Place.BlockPlace b) {
            loading.set(!quietly);
            readForPlace(gen, () -> found(chain.block(b.hash()), b.hash(), "block"), block::set);
        } else if (p instanceof Place.TransactionPlace t) {
            loading.set(!quietly);
            readForPlace(gen, () -> found(t.block().or(() -> chain.blockHash(t.blockHeight()))
                    .flatMap(in -> chain.transaction(t.txid(), in))
                    .or(() -> chain.transaction(t.txid())), t.txid(), "transaction"), transaction::set);
        } else if (p instanceof Place.AddressPlace a) {
            address.set(a.address());
            loading.set(false);
            if (!keepScan) {
                startScan(a.address(), gen);
            }
        }
    }

    /** What a read found, or why a hash is not found (a reorganisation, a transaction mined or dropped). */
    private record Found<T>(Optional<T> value, String reason) {
    }

    /** On the loader: the reason is looked up only when nothing was found. */
    private <T> Found<T> found(Optional<T> value, Hash hash, String what) {
        if (value.isPresent()) {
            return new Found<>(value, "");
        }
        SearchResult r = chain.search(hash.toHex());
        return new Found<>(value, r instanceof SearchResult.NoMatch miss ? miss.reason()
                : "The " + what + " " + hash.toHex() + " could not be read");
    }

    // ------------------------------------------------------------------ address scan

    private void startScan(String a, long gen) {
        coins.clear();
        scanResult.set(Optional.empty());
        scanProgress.set(0);
        scanning.set(true);
        scanStatus.set("Looking through the unspent outputs for " + a);
        loader.execute(() -> {
            CoinScan started;
            try {
                started = chain.scanCoins(List.of(a));
            } catch (RuntimeException e) {
                dispatcher.post(FxDispatcher.key(this, "scan"), () -> {
                    if (gen == generation) {
                        scanning.set(false);
                        failure.set(e.getMessage());
                    }
                });
                return;
            }
            dispatcher.post(FxDispatcher.key(this, "scan-started"), () -> {
                if (gen == generation) {
                    scan = started;
                } else {
                    started.cancel();
                }
            });
            pollProgress(started, gen);
            started.result().whenComplete((result, error) -> dispatcher.post(FxDispatcher.key(this, "scan"),
                    () -> scanFinished(gen, result, error)));
        });
    }

    private void pollProgress(CoinScan s, long gen) {
        if (s.result().isDone()) {
            return;
        }
        dispatcher.post(FxDispatcher.key(this, "scan-progress"), () -> {
            if (gen == generation && scanning.get()) {
                scanProgress.set(s.progress());
            }
        });
        CompletableFuture.delayedExecutor(SCAN_POLL_MS, TimeUnit.MILLISECONDS).execute(() -> pollProgress(s, gen));
    }

    private void scanFinished(long gen, CoinScan.Result result, Throwable error) {
        if (gen != generation) {
            return;
        }
        scan = null;
        scanning.set(false);
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            scanStatus.set(cause instanceof CancellationException ? "Scan cancelled: press Scan again to look"
                    : "The scan failed: " + cause.getMessage());
            return;
        }
        scanProgress.set(1);
        coins.setAll(result.coins());
        scanResult.set(Optional.of(result));
        scanStatus.set("");
    }

    /** Cancels the running address scan; the address view says it was cancelled. */
    public void cancelScan() {
        if (scan != null) {
            scan.cancel();
        }
    }

    /** Scans the shown address again. */
    public void rescan() {
        if (place.get() instanceof Place.AddressPlace a && !scanning.get()) {
            startScan(a.address(), generation);
        }
    }

    private void stopScan() {
        if (scan != null) {
            scan.cancel();
            scan = null;
        }
        scanning.set(false);
    }

    // ------------------------------------------------------------------ home

    public void refreshMempool() {
        read("mempool", chain::mempool, mempool::set);
    }

    public void refreshTips() {
        read("tips", chain::tips, tips::setAll);
    }

    private void readPage(int top, int bottom, Consumer<List<BlockSummary>> done) {
        read("page-" + bottom, () -> chain.blocks(top, top - bottom + 1), done);
    }

    // ------------------------------------------------------------------ reads

    /** Reads on the loader and hands the result to {@code done} on the FX thread, coalesced by {@code name}. */
    private <T> void read(String name, Supplier<T> work, Consumer<T> done) {
        loader.execute(() -> {
            try {
                T value = work.get();
                dispatcher.post(FxDispatcher.key(this, name), () -> done.accept(value));
            } catch (RuntimeException e) {
                dispatcher.post(FxDispatcher.key(this, name), () -> {
                    searching.set(false);
                    failure.set("Could not read the chain: " + e.getMessage());
                });
            }
        });
    }

    /** A read for the place of generation {@code gen}: dropped when the user has moved on meanwhile. */
    private <T> void readForPlace(long gen, Supplier<Found<T>> work, Consumer<T> done) {
        read("place", work, result -> {
            if (gen == generation) {
                loading.set(false);
                result.value().ifPresentOrElse(done, () -> failure.set(result.reason()));
            }
        });
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<Place> placeProperty() {
        return place.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    /** Why the current place cannot be shown, or empty. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** Why the last search found nothing, or empty. */
    public ReadOnlyStringProperty searchMessageProperty() {
        return searchMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BlockDetail> blockProperty() {
        return block.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TxDetail> transactionProperty() {
        return transaction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty scanProgressProperty() {
        return scanProgress.getReadOnlyProperty();
    }

    public ObservableList<CoinScan.Coin> coins() {
        return coinsView;
    }

    public ReadOnlyObjectProperty<Optional<CoinScan.Result>> scanResultProperty() {
        return scanResult.getReadOnlyProperty();
    }

    /** What the scan is doing or why it stopped; empty once it has a result. */
    public ReadOnlyStringProperty scanStatusProperty() {
        return scanStatus.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty heightProperty() {
        return height.getReadOnlyProperty();
    }

    public ObservableList<BlockSummary> newest() {
        return newestView;
    }

    public BlockPages blocks() {
        return blocks;
    }

    public ReadOnlyObjectProperty<MempoolSummary> mempoolProperty() {
        return mempool.getReadOnlyProperty();
    }

    public ObservableList<ChainTip> tips() {
        return tipsView;
    }

    public ReadOnlyLongProperty nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The transaction index as last heard (null before the first read). */
    public ReadOnlyObjectProperty<TxIndexState> txIndexProperty() {
        return txIndex.getReadOnlyProperty();
    }

    /** While the index builds, how far it is and what search can find meanwhile; empty otherwise. */
    public ReadOnlyStringProperty txIndexNoteProperty() {
        return txIndexNote.getReadOnlyProperty();
    }
}
