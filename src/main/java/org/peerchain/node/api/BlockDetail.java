package org.peerchain.node.api;

import java.util.List;
import org.peerchain.core.Hash;

/**
 * A whole block as the explorer and {@code getblock} show it. Amounts are in base units (1 coin = 10^8).
 *
 * @param subsidy the new coins the block may create at its height
 * @param fees what its transactions paid, -1 when the outputs they spend are not known (a block off the active chain)
 * @param reward the coinbase's outputs: at most subsidy plus fees
 * @param minerAddress the address its coinbase's first output pays, empty for none
 */
public record BlockDetail(BlockHeaderInfo header, long subsidy, long fees, long reward, String minerAddress,
        List<TxDetail> transactions) {

    public BlockDetail {
        transactions = List.copyOf(transactions);
    }

    public int height() {
        return header.height();
    }

    public Hash hash() {
        return header.hash();
    }
}
