package org.peerchain.ui.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.NodeEvent;
import org.peerchain.node.api.Subscription;
import org.peerchain.node.api.TxIndexState;
import org.peerchain.testing.Await;
import org.peerchain.testing.ExplorerChain;
import org.peerchain.ui.fx.FxDispatcher;

/**
 * The transaction index's background build reaches front ends as {@link NodeEvent.TxIndex} events, and the
 * explorer's search says live how far the build is, over a real regtest node whose index is turned on when its
 * chain already has blocks.
 */
@Timeout(120)
class ExplorerTxIndexTest {
    private static final int CHAIN_HEIGHT = 300;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aBuildOnAnExistingChainIsPublishedFromStartToTipAndTheExplorerNotesItWhileItRuns() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF))) {
            ExplorerChain.coinbaseOnly(node, CHAIN_HEIGHT, "txindex-events");
            assertEquals(CHAIN_HEIGHT, node.services().chain().height());
            assertFalse(node.services().chain().txIndex().enabled());

            List<TxIndexState> published = new CopyOnWriteArrayList<>();
            Subscription sub = node.services().subscribe(NodeEvent.TxIndex.class, e -> published.add(e.state()));
            ExplorerViewModel model = new ExplorerViewModel(node.services(), new FxDispatcher(Runnable::run),
                    Runnable::run);
            model.activate();
            assertEquals("", model.txIndexNoteProperty().get(), "no note while the index is off");
            List<String> notes = new CopyOnWriteArrayList<>();
            model.txIndexNoteProperty().addListener((obs, old, note) -> notes.add(note));

            node.chain().enableTxIndex();
            Await.until(WAIT, "the build's last event", () -> !published.isEmpty()
                    && !published.get(published.size() - 1).building());

            TxIndexState first = published.get(0);
            TxIndexState last = published.get(published.size() - 1);
            assertTrue(first.enabled() && first.building(), first.toString());
            assertEquals(new TxIndexState(true, CHAIN_HEIGHT, CHAIN_HEIGHT, false), last);
            assertEquals(1.0, last.fraction());
            for (int i = 1; i < published.size(); i++) {
                assertTrue(published.get(i).indexedHeight() >= published.get(i - 1).indexedHeight(),
                        published.toString());
            }

            assertEquals(last, model.txIndexProperty().get());
            assertEquals("", model.txIndexNoteProperty().get(), "the note goes once the index is at the tip");
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("Transaction index building: ")
                    && n.contains(" of 300 blocks")), notes.toString());
            model.deactivate();
            sub.close();
        }
    }
}
