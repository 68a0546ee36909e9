package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;
import org.peerchain.node.api.BlockDetail;
import org.peerchain.node.api.BlockSummary;
import org.peerchain.node.api.ChainService;
import org.peerchain.node.api.ChainTip;
import org.peerchain.node.api.CoinScan;
import org.peerchain.node.api.MempoolSummary;
import org.peerchain.node.api.SearchResult;
import org.peerchain.node.api.TxDetail;
import org.peerchain.testing.Await;
import org.peerchain.testing.ExplorerChain;

/** The chain service of a real regtest node, read back over a chain whose every amount is known. */
@Timeout(120)
class ChainQueriesTest {
    @TempDir
    Path dir;

    private Node node;
    private ExplorerChain built;
    private ChainService chain;

    @BeforeEach
    void startNode() throws Exception {
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        built = ExplorerChain.build(node);
        chain = node.services().chain();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void blockDetailGivesHeaderFieldsRewardFeesMinerAndNeighbours() {
        Block b102 = built.at(102);
        BlockDetail d = chain.blockAt(102).orElseThrow();
        assertEquals(b102.hash(), d.hash());
        assertEquals(102, d.height());
        assertEquals(2, d.header().confirmations(), "102 and 103 are on the active chain");
        assertEquals(b102.size(), d.header().sizeBytes());
        assertEquals(2, d.header().transactionCount());
        assertEquals(b102.header().merkleRoot(), d.header().merkleRoot());
        assertEquals(b102.header().time(), d.header().time());
        assertEquals(b102.header().nonce(), d.header().nonce());
        assertEquals(Optional.of(built.at(101).hash()), d.header().previous());
        assertEquals(Optional.of(built.at(103).hash()), d.header().next());
        assertEquals(ExplorerChain.PARAMS.subsidy(102), d.subsidy());
        assertEquals(ExplorerChain.FEE_102, d.fees());
        assertEquals(d.subsidy() + ExplorerChain.FEE_102, d.reward());
        assertEquals(built.minerAddress(), d.minerAddress());
        assertEquals(List.of(b102.transactions().get(0).txid(), built.tx102.txid()),
                d.transactions().stream().map(TxDetail::txid).toList());

        BlockDetail tip = chain.block(built.at(103).hash()).orElseThrow();
        assertEquals(1, tip.header().confirmations());
        assertEquals(Optional.empty(), tip.header().next(), "the tip has no next block yet");
    }

    @Test
    void aTransactionInABlockShowsWhatItsInputsSpentAndWhichOutputsAreSpent() {
        TxDetail tx = chain.transaction(built.tx102.txid(), built.at(102).hash()).orElseThrow();
        assertEquals(ExplorerChain.FEE_102, tx.fee());
        assertEquals((double) ExplorerChain.FEE_102 / built.tx102.size(), tx.feeRatePerByte(), 1e-9);
        assertEquals(102, tx.blockHeight());
        assertEquals(2, tx.confirmations());
        assertFalse(tx.inMempool());

        TxDetail.Input in = tx.inputs().get(0);
        assertEquals(Optional.of(built.at(1).transactions().get(0).txid()), in.prevTxid());
        assertEquals(0, in.prevIndex());
        assertEquals(ExplorerChain.PARAMS.subsidy(1), in.amount());
        assertEquals(built.minerAddress(), in.address());
        assertEquals(1, in.prevHeight(), "the spent coinbase is in block 1");

        assertEquals(built.bobAddress(), tx.outputs().get(0).address());
        assertEquals(Optional.of(true), tx.outputs().get(0).spent(), "block 103 spends Bob's output");
        assertEquals(Optional.of(false), tx.outputs().get(1).spent(), "the change is unspent");

        TxDetail coinbase = chain.blockAt(102).orElseThrow().transactions().get(0);
        assertTrue(coinbase.coinbase());
        assertEquals(0, coinbase.fee());
        assertEquals(Optional.empty(), coinbase.inputs().get(0).prevTxid());
    }

    @Test
    void aMempoolTransactionIsSaidToBeInTheMempoolWithItsFee() {
        TxDetail tx = chain.transaction(built.mempoolTx.txid()).orElseThrow();
        assertTrue(tx.inMempool());
        assertEquals(0, tx.confirmations());
        assertEquals(Optional.empty(), tx.blockHash());
        assertEquals(ExplorerChain.MEMPOOL_FEE, tx.fee());
        assertEquals(ExplorerChain.PARAMS.subsidy(2), tx.inputs().get(0).amount());
        assertEquals(built.minerAddress(), tx.inputs().get(0).address());
        assertEquals(built.carolAddress(), tx.outputs().get(0).address());
        assertEquals(Optional.of(false), tx.outputs().get(0).spent());
    }

    @Test
    void withoutTheTransactionIndexAConfirmedTransactionIsFoundOnlyThroughItsBlock() {
        assertFalse(chain.txIndex().enabled());
        assertEquals(Optional.empty(), chain.transaction(built.tx103.txid()));
        assertTrue(chain.transaction(built.tx103.txid(), built.at(103).hash()).isPresent());
        SearchResult miss = chain.search(built.tx103.txid().toHex());
        assertInstanceOf(SearchResult.NoMatch.class, miss);
        assertTrue(((SearchResult.NoMatch) miss).reason().contains("transaction index is off"), miss.toString());
    }

    @Test
    void withTheTransactionIndexAnyConfirmedTransactionIsFoundById() throws Exception {
        node.chain().enableTxIndex();
        Await.until(Duration.ofSeconds(30), "the transaction index to be built",
                () -> !chain.txIndex().building() && chain.txIndex().indexedHeight() == ExplorerChain.HEIGHT);
        TxDetail tx = chain.transaction(built.tx103.txid()).orElseThrow();
        assertEquals(Optional.of(built.at(103).hash()), tx.blockHash());
        assertEquals(ExplorerChain.FEE_103, tx.fee());
        assertEquals(new SearchResult.TransactionMatch(built.tx103.txid()), chain.search(built.tx103.txid().toHex()));
        assertEquals(1.0, chain.txIndex().fraction());
    }

    @Test
    void searchFindsHeightsHashesTransactionsAndAddresses() {
        assertEquals(new SearchResult.BlockMatch(built.at(5).hash(), 5), chain.search("5"));
        assertEquals(new SearchResult.BlockMatch(built.at(5).hash(), 5), chain.search("  5 "));
        Hash h = built.at(77).hash();
        assertEquals(new SearchResult.BlockMatch(h, 77), chain.search(h.toHex()));
        assertEquals(new SearchResult.BlockMatch(h, 77), chain.search(h.toHex().toUpperCase()));
        assertEquals(new SearchResult.TransactionMatch(built.mempoolTx.txid()),
                chain.search(built.mempoolTx.txid().toHex()));
        assertEquals(new SearchResult.AddressMatch(built.carolAddress()), chain.search(built.carolAddress()));
    }

    @Test
    void aSearchThatFindsNothingSaysPlainlyWhy() {
        assertEquals(new SearchResult.NoMatch("No block at height 900: the chain is 103 blocks high"),
                chain.search("900"));
        assertEquals(new SearchResult.NoMatch("No block, transaction or address matches 'xyz'"), chain.search("xyz"));
        assertEquals(new SearchResult.NoMatch("Type a block height, block hash, transaction id or address"),
                chain.search("   "));

        String address = built.carolAddress();
        char last = address.charAt(address.length() - 1);
        String typo = address.substring(0, address.length() - 1) + (last == 'a' ? 'b' : 'a');
        SearchResult.NoMatch checksum = (SearchResult.NoMatch) chain.search(typo);
        assertTrue(checksum.reason().contains("checksum"), checksum.reason());
        assertTrue(checksum.reason().contains(typo), checksum.reason());

        SearchResult.NoMatch shortHash = (SearchResult.NoMatch) chain.search("abcdef0123456789abcdef");
        assertTrue(shortHash.reason().contains("22 hex digits"), shortHash.reason());

        SearchResult.NoMatch unknown = (SearchResult.NoMatch) chain.search("ab".repeat(32));
        assertTrue(unknown.reason().startsWith("No block or transaction has the hash " + "ab".repeat(32)),
                unknown.reason());
    }

    @Test
    void blockSummariesComePageByPageNewestFirst() {
        List<BlockSummary> page = chain.blocks(103, 50);
        assertEquals(50, page.size());
        assertEquals(103, page.get(0).height());
        assertEquals(54, page.get(49).height());
        for (int i = 1; i < page.size(); i++) {
            assertEquals(page.get(i - 1).height() - 1, page.get(i).height());
        }
        BlockSummary b102 = chain.blocks(102, 1).get(0);
        assertEquals(built.at(102).hash(), b102.hash());
        assertEquals(2, b102.transactions());
        assertEquals(built.at(102).size(), b102.sizeBytes());

        List<BlockSummary> bottom = chain.blocks(3, 50);
        assertEquals(List.of(3, 2, 1, 0), bottom.stream().map(BlockSummary::height).toList());
        assertEquals(List.of(), chain.blocks(104, 10), "above the tip there is nothing");
        assertEquals(List.of(), chain.blocks(-1, 10));
        assertTrue(chain.blocks(103, 1_000_000).size() <= ChainQueries.MAX_PAGE);
    }

    @Test
    void tipsIncludeAStaleBranchWhoseBlocksCanBeOpened() throws Exception {
        List<Block> stale = built.addStaleBranch(node);
        List<ChainTip> tips = chain.tips();
        assertEquals(2, tips.size());
        assertEquals(new ChainTip(103, built.at(103).hash(), 0, ChainTip.ACTIVE), tips.get(0));
        assertEquals(new ChainTip(103, stale.get(1).hash(), 2, ChainTip.VALID_FORK), tips.get(1));

        BlockDetail staleBlock = chain.block(stale.get(0).hash()).orElseThrow();
        assertEquals(-1, staleBlock.header().confirmations());
        assertFalse(staleBlock.header().active());
        assertEquals(Optional.empty(), staleBlock.header().next());
        assertEquals(Optional.empty(), staleBlock.transactions().get(0).outputs().get(0).spent(),
                "spent or not cannot be told off the active chain");
        assertEquals(new SearchResult.BlockMatch(stale.get(0).hash(), 102), chain.search(stale.get(0).hash().toHex()));
    }

    @Test
    void theMempoolSummaryCountsByFeeRateBandHighestFirst() {
        MempoolSummary m = chain.mempool();
        assertEquals(1, m.transactions());
        assertEquals(built.mempoolTx.size(), m.bytes());
        assertEquals(ExplorerChain.MEMPOOL_FEE, m.totalFees());
        double rate = (double) ExplorerChain.MEMPOOL_FEE / built.mempoolTx.size();
        int band = 0;
        while (band + 1 < m.bandFloors().size() && rate >= m.bandFloors().get(band + 1)) {
            band++;
        }
        assertEquals(1, m.histogram().get(band));
        assertEquals(1, m.histogram().stream().mapToInt(Integer::intValue).sum());
        assertEquals(built.mempoolTx.txid(), m.entries().get(0).txid());
        assertEquals(rate, m.entries().get(0).feeRatePerByte(), 1e-9);
    }

    @Test
    void aCoinScanFindsTheUnspentOutputsOfAnAddress() throws Exception {
        CoinScan scan = chain.scanCoins(List.of(built.carolAddress()));
        CoinScan.Result r = scan.result().get(30, TimeUnit.SECONDS);
        assertEquals(1.0, scan.progress());
        assertEquals(ExplorerChain.HEIGHT, r.height());
        assertEquals(built.at(103).hash(), r.bestBlock());
        assertEquals(1, r.coins().size(), "the mempool spend to Carol is not confirmed");
        CoinScan.Coin c = r.coins().get(0);
        assertEquals(new CoinScan.Coin(built.tx103.txid(), 0, built.carolAddress(),
                ExplorerChain.TO_BOB - ExplorerChain.FEE_103, 103), c);
        assertEquals(c.amount(), r.totalAmount());

        CoinScan bob = chain.scanCoins(List.of(built.bobAddress()));
        assertEquals(List.of(), bob.result().get(30, TimeUnit.SECONDS).coins(), "Bob's output was spent");
    }

    @Test
    void aCoinScanOfABadAddressSaysWhichAndWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chain.scanCoins(List.of(built.carolAddress(), "not-an-address")));
        assertTrue(e.getMessage().contains("'not-an-address'"), e.getMessage());
    }
}
