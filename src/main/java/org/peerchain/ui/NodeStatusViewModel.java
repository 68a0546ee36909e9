package org.peerchain.ui;

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
import org.peerchain.node.Node;

/**
 * The node's state as the window shows it: network, chain height, best block, its time, the mempool,
 * and a status line. Read-only properties, updated on the FX thread through the {@link FxDispatcher}.
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

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
