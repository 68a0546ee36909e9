package org.peerchain.ui.firstrun;

import java.nio.file.Path;
import java.util.List;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Address;
import org.peerchain.core.Block;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.api.WalletBalance;
import org.peerchain.node.api.WalletService;
import org.peerchain.testing.RegtestBlocks;

/**
 * Recovery words with coins: a wallet made through the service in one regtest node, {@link #BLOCKS} blocks mined to
 * its first receive address, and the same blocks handed to {@code restoreIn} (a fresh node with no wallet, where a
 * test restores the words). The test plays the network.
 */
record FundedWords(List<String> words, WalletBalance balance) {
    static final int BLOCKS = 3;
    static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    static FundedWords make(Path madeIn, Node restoreIn) throws Exception {
        try (Node maker = Node.start(NodeConfig.regtest(madeIn).withRpcPort(NodeConfig.OFF))) {
            WalletService wallet = maker.services().wallet();
            List<String> words = wallet.create(PASSWORD.clone(), "");
            String address = wallet.newAddress("mined").address();
            List<Block> blocks = RegtestBlocks.coinbaseOnlyChain(BLOCKS,
                    Address.parse(address, ChainParams.REGTEST.addressPrefix()).keyHash(), 0);
            for (Block b : blocks) {
                maker.submitBlock(b);
                restoreIn.submitBlock(b);
            }
            return new FundedWords(words, wallet.balance());
        }
    }

    long total() {
        return balance.spendable() + balance.pending() + balance.immature();
    }
}
