package org.peerchain.node;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.peerchain.chain.ChainEvent;
import org.peerchain.events.EventBus;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.MiningControl;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.NodeStatus;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.SyncState;
import org.peerchain.node.api.TxIndexState;
import org.peerchain.node.api.WalletService;
import org.peerchain.p2p.NetworkEvent;

/**
 * The application services of one node in this process: built once the node has started, they translate the
 * parts' internal events into {@link NodeEvent}s on a bus of their own, so front ends never see the parts.
 */
final class LocalServices implements NodeServices, NodeStatus {
    private final Node node;
    private final EventBus apiEvents;
    private final ChainQueries chain;
    private final MiningControls mining;
    private final PeerControls peers;
    private final WalletControls wallet;
    private volatile NodeEvent.Lifecycle lifecycle;
    private volatile SyncState sync;

    LocalServices(Node node, EventBus apiEvents, NodeEvent.Lifecycle lifecycle) {
        this.node = node;
        this.apiEvents = apiEvents;
        this.lifecycle = lifecycle;
        this.chain = new ChainQueries(node);
        this.mining = new MiningControls(node, apiEvents);
        this.peers = new PeerControls(node, apiEvents);
        this.wallet = new WalletControls(node, apiEvents);
        this.sync = currentSync();
        EventBus parts = node.events();
        parts.subscribe(ChainEvent.TipChanged.class, e -> apiEvents.publish(new NodeEvent.TipChanged(e.height(),
                e.hash(), e.time(), e.reorganised(), node.chain().bestHeader().height())));
        parts.subscribe(NetworkEvent.SyncProgress.class, p -> {
            SyncState s = new SyncState(p.height(), p.targetHeight(), p.blocksPerSecond(), p.secondsLeft(), p.syncing());
            sync = s;
            apiEvents.publish(new NodeEvent.Sync(s));
        });
        parts.subscribe(MempoolEvent.class,
                e -> apiEvents.publish(new NodeEvent.Mempool(node.mempool().size(), node.mempool().bytes())));
        parts.subscribe(ChainEvent.TxIndexProgress.class, e -> apiEvents.publish(new NodeEvent.TxIndex(
                new TxIndexState(true, e.indexedHeight(), e.chainHeight(), e.building()))));
    }

    private SyncState currentSync() {
        int height = node.chain().height();
        int best = node.chain().bestHeader().height();
        return new SyncState(height, best, 0, -1, best > height);
    }

    void lifecycle(NodeEvent.Lifecycle step) {
        lifecycle = step;
        apiEvents.publish(step);
    }

    @Override
    public NodeStatus status() {
        return this;
    }

    @Override
    public ChainService chain() {
        return chain;
    }

    @Override
    public MiningControl mining() {
        return mining;
    }

    @Override
    public PeerService peers() {
        return peers;
    }

    @Override
    public WalletService wallet() {
        return wallet;
    }

    @Override
    public <E> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
        AutoCloseable handle = apiEvents.subscribe(type, listener);
        return () -> {
            try {
                handle.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Override
    public void requestStop() {
        node.requestStop();
    }

    @Override
    public String networkName() {
        return node.params().name();
    }

    @Override
    public Path dataDir() {
        return node.config().dataDir();
    }

    @Override
    public int p2pPort() {
        return node.p2pPort();
    }

    @Override
    public int rpcPort() {
        return node.rpcPort();
    }

    @Override
    public int hostedTrackerPort() {
        return node.hostedTrackerPort();
    }

    @Override
    public NodeEvent.Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public SyncState sync() {
        SyncState s = sync;
        return s.syncing() ? s : currentSync();
    }

    /** Stops the services' own timers; the node's parts are closed by the node. */
    void close() {
        peers.close();
        mining.close();
        wallet.close();
    }

    @Override
    public boolean hasWallet() {
        return node.wallet().isPresent();
    }
}
