package org.peerchain.ui.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.testing.Await;
import org.peerchain.testing.ExplorerChain;
import org.peerchain.testing.RegtestBlocks;
import org.peerchain.ui.fx.FxDispatcher;

/** The explorer's view-model over a real regtest node, its reads and dispatcher run in line. */
@Timeout(120)
class ExplorerViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Node node;
    private ExplorerChain built;
    private ExplorerViewModel model;

    @BeforeEach
    void start() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        built = ExplorerChain.build(node);
        model = new ExplorerViewModel(node.services(), new FxDispatcher(Runnable::run), Runnable::run);
        model.activate();
    }

    @AfterEach
    void stop() {
        model.deactivate();
        node.close();
    }

    @Test
    void searchingAHeightOpensThatBlockAndBackAndForwardMoveThroughHistory() {
        assertEquals(new Place.Home(), model.placeProperty().get());
        assertFalse(model.canGoBackProperty().get());

        model.search("12");
        assertEquals(new Place.BlockPlace(built.at(12).hash()), model.placeProperty().get());
        assertEquals(12, model.blockProperty().get().height());
        assertFalse(model.loadingProperty().get());

        model.search(built.at(102).hash().toHex());
        assertEquals(102, model.blockProperty().get().height());
        assertTrue(model.canGoBackProperty().get());

        model.back();
        assertEquals(new Place.BlockPlace(built.at(12).hash()), model.placeProperty().get());
        assertEquals(12, model.blockProperty().get().height());
        assertTrue(model.canGoForwardProperty().get());
        model.back();
        assertEquals(new Place.Home(), model.placeProperty().get());
        assertFalse(model.canGoBackProperty().get());

        model.forward();
        model.forward();
        assertEquals(102, model.blockProperty().get().height());
        assertFalse(model.canGoForwardProperty().get());
    }

    @Test
    void aMissIsSaidPlainlyAndTheExplorerStaysWhereItWas() {
        model.search("5");
        model.search("900");
        assertEquals("No block at height 900: the chain is 103 blocks high", model.searchMessageProperty().get());
        assertEquals(new Place.BlockPlace(built.at(5).hash()), model.placeProperty().get());
        model.search("6");
        assertEquals("", model.searchMessageProperty().get(), "a found place clears the last miss");
    }

    @Test
    void aTransactionOpensWithItsInputsAndTheOutputsTheySpendLinkWithoutTheIndex() {
        model.search(built.mempoolTx.txid().toHex());
        assertTrue(model.transactionProperty().get().inMempool());

        Hash spentTx = built.tx102.txid();
        model.openTransactionAt(spentTx, 102);
        assertEquals(spentTx, model.transactionProperty().get().txid());
        assertEquals(ExplorerChain.FEE_102, model.transactionProperty().get().fee());

        model.openTransaction(built.tx103.txid(), Optional.empty());
        assertTrue(model.failureProperty().get().contains("transaction index is off"),
                model.failureProperty().get());
    }

    @Test
    void theBlockListHasARowPerBlockAndReadsOnlyThePagesShown() {
        BlockPages blocks = model.blocks();
        assertEquals(ExplorerChain.HEIGHT + 1, blocks.size());
        BlockRow top = blocks.get(0);
        assertEquals(103, top.height());
        assertEquals(built.at(103).hash(), top.summary().orElseThrow().hash());
        assertEquals(1, blocks.pagesKept());
        assertEquals(0, blocks.get(103).height());
        assertEquals(2, blocks.pagesKept(), "the genesis page only when it is shown");
    }

    @Test
    void aLongChainScrollsInTheMemoryOfAFewPages() {
        List<int[]> reads = new ArrayList<>();
        BlockPages pages = new BlockPages((top, bottom, done) -> {
            reads.add(new int[] {top, bottom});
            List<BlockSummary> page = new ArrayList<>();
            for (int h = top; h >= bottom; h--) {
                page.add(new BlockSummary(h, Hash.ZERO, h, 1, 100, 1));
            }
            done.accept(page);
        });
        pages.tipChanged(99_999, false);
        assertEquals(100_000, pages.size());
        for (int i = 0; i < pages.size(); i += 10) {
            assertEquals(99_999 - i, pages.get(i).summary().orElseThrow().height());
        }
        assertEquals(100_000 / BlockPages.PAGE_SIZE, reads.size(), "each page read once while scrolling down");
        assertTrue(pages.pagesKept() <= BlockPages.MAX_PAGES_KEPT, "pages kept: " + pages.pagesKept());

        pages.tipChanged(100_001, false);
        assertEquals(100_002, pages.size());
        assertEquals(100_001, pages.get(0).summary().orElseThrow().height());
        assertEquals(100_001, reads.get(reads.size() - 1)[0], "the top page is read again with the new blocks");
    }

    @Test
    void aNewBlockComesToTheTopOfTheListAndTheStrip() throws Exception {
        assertEquals(ExplorerViewModel.NEWEST_BLOCKS, model.newest().size());
        assertEquals(103, model.newest().get(0).height());
        Block next = RegtestBlocks.build(built.at(103).header(), 104, List.of(), RegtestBlocks.keyHash(built.miner), 5);
        node.submitBlock(next);
        Await.until(WAIT, "the explorer to see block 104", () -> model.heightProperty().get() == 104);
        assertEquals(next.hash(), model.newest().get(0).hash());
        assertEquals(105, model.blocks().size());
        assertEquals(next.hash(), model.blocks().get(0).summary().orElseThrow().hash());
    }

    @Test
    void aHiddenExplorerIgnoresNewBlocks() throws Exception {
        model.deactivate();
        Block next = RegtestBlocks.build(built.at(103).header(), 104, List.of(), RegtestBlocks.keyHash(built.miner), 5);
        node.submitBlock(next);
        assertEquals(103, model.heightProperty().get());
        model.activate();
        assertEquals(104, model.heightProperty().get(), "shown again, it reads the chain as it is");
    }

    @Test
    void anAddressShowsItsUnspentOutputsFromAScan() {
        model.search(built.carolAddress());
        assertEquals(new Place.AddressPlace(built.carolAddress()), model.placeProperty().get());
        Await.until(WAIT, "the scan to finish", () -> model.scanResultProperty().get().isPresent());
        assertFalse(model.scanningProperty().get());
        assertEquals(1.0, model.scanProgressProperty().get());
        assertEquals(1, model.coins().size());
        assertEquals(built.tx103.txid(), model.coins().get(0).txid());
        assertEquals("", model.scanStatusProperty().get());
    }

    @Test
    void theMempoolAndChainTipsAreReadWhenShown() throws Exception {
        assertEquals(1, model.mempoolProperty().get().transactions());
        assertEquals(1, model.tips().size());
        built.addStaleBranch(node);
        model.refreshTips();
        assertEquals(2, model.tips().size());
        assertEquals("valid-fork", model.tips().get(1).status());
    }

    @Test
    void whatArrivesAfterTheExplorerWasHiddenIsDroppedAndShowingItAgainReadsAfresh() {
        model.deactivate();
        java.util.Queue<Runnable> toFx = new java.util.ArrayDeque<>();
        ExplorerViewModel hidden = new ExplorerViewModel(node.services(), new FxDispatcher(toFx::add), Runnable::run);
        int before = hidden.heightProperty().get();
        hidden.activate(); // the height is read at once (the loader runs in line) and waits for the FX thread
        hidden.deactivate();
        while (!toFx.isEmpty()) {
            toFx.poll().run();
        }
        assertEquals(before, hidden.heightProperty().get(), "a hidden explorer is not updated");

        hidden.activate();
        while (!toFx.isEmpty()) {
            toFx.poll().run();
        }
        assertEquals(node.chain().tip().height(), hidden.heightProperty().get(), "shown again, it reads afresh");
        hidden.deactivate();
        model.activate(); // as the other tests leave it, for stop()
    }
}
