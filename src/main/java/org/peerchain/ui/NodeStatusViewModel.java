package org.peerchain.ui;

import org.peerchain.ui.fx.FxDispatcher;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.ChainEvent;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.mining.MiningStats;
import org.peerchain.p2p.NetworkEvent;
import org.peerchain.node.Node;

/**
 * The node's state as the window shows it: network, chain height, best block, its time, the mempool, peers,
 * sync progress, mining, and a status line. Read-only properties, updated on the FX thread through the {@link FxDispatcher}.
 */
public final class NodeStatusViewModel {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final FxDispatcher dispatcher;
    private final ReadOnlyStringWrapper network = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper height = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper bestBlock = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper blockTime = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper mempoolSize = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper dataDir = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Starting the node…");
    private final ReadOnlyIntegerWrapper peers = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper sync = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mining = new ReadOnlyStringWrapper("Not mining");

    public NodeStatusViewModel(FxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Called from the node-start thread once the node runs. */
    public void attach(Node node) {
        String net = node.params().name();
        String dir = node.config().dataDir().toString();
        BlockIndexEntry tip = node.chain().tip();
        dispatcher.post("node", () -> {
            network.set(net);
            dataDir.set(dir);
            status.set("Node running on " + net);
        });
        showTip(tip.hash().toHex(), tip.height(), tip.header().time());
        node.events().subscribe(ChainEvent.TipChanged.class,
                e -> showTip(e.hash().toHex(), e.height(), e.time()));
        node.events().subscribe(MempoolEvent.class, e -> {
            int size = node.mempool().size();
            dispatcher.post("mempool", () -> mempoolSize.set(size));
        });
        if (node.network() != null) {
            node.events().subscribe(NetworkEvent.class, e -> {
                showPeers(node);
                if (!(e instanceof NetworkEvent.SyncProgress)) {
                    showSyncUnlessBehind(node);
                }
            });
        }
        node.events().subscribe(NetworkEvent.SyncProgress.class, p -> {
            String text = p.syncing()
                    ? String.format("Syncing: block %,d of %,d (%.0f%%)%s", p.height(), p.targetHeight(),
                            100 * p.fraction(), p.secondsLeft() >= 0 ? ", " + p.secondsLeft() + " s left" : "")
                    : "Up to date";
            dispatcher.post("sync", () -> sync.set(text));
        });
        node.events().subscribe(MiningStats.class, m -> {
            String text = m.running()
                    ? String.format("%s on %d thread%s, %,d blocks found", hashRate(m.hashesPerSecond()), m.threads(),
                            m.threads() == 1 ? "" : "s", m.blocksFound())
                    : "Not mining";
            dispatcher.post("mining", () -> mining.set(text));
        });
        // The node was running before these subscriptions: peers may have connected already, and a node that is up
        // to date publishes no sync progress. So the state now, read after subscribing so that nothing is missed.
        if (node.network() == null) {
            dispatcher.post("sync", () -> sync.set("Not on the network (P2P is off)"));
        } else {
            showPeers(node);
            showSyncUnlessBehind(node);
        }
    }

    private void showPeers(Node node) {
        int count = node.network().connectionCount();
        dispatcher.post("peers", () -> peers.set(count));
    }

    /** The sync line from the node's state now; while it is behind, its progress events say more, so they set it. */
    private void showSyncUnlessBehind(Node node) {
        boolean behind = node.chain().bestHeader().height() > node.chain().tip().height();
        if (!behind) {
            String text = node.network().connectionCount() == 0 ? "Looking for peers" : "Up to date";
            dispatcher.post("sync", () -> sync.set(text));
        }
    }

    static String hashRate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format("%.2f GH/s", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format("%.2f MH/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format("%.1f kH/s", perSecond / 1e3);
        }
        return String.format("%.0f H/s", perSecond);
    }

    /** Called when the node could not start: the reason in words. */
    public void failed(String reason) {
        dispatcher.post("node", () -> status.set(reason));
    }

    private void showTip(String hash, int h, long time) {
        String when = TIME.format(Instant.ofEpochSecond(time));
        dispatcher.post("tip", () -> {
            height.set(h);
            bestBlock.set(hash);
            blockTime.set(when);
        });
    }

    public ReadOnlyStringProperty networkProperty() {
        return network.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty heightProperty() {
        return height.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bestBlockProperty() {
        return bestBlock.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty blockTimeProperty() {
        return blockTime.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty mempoolSizeProperty() {
        return mempoolSize.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dataDirProperty() {
        return dataDir.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty peersProperty() {
        return peers.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty syncProperty() {
        return sync.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty miningProperty() {
        return mining.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
