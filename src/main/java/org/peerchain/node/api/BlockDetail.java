package org.peerchain.node.api;

import java.util.List;
import java.util.Optional;
import org.peerchain.core.Hash;

/**
 * A whole block as the explorer and {@code getblock} show it. Amounts are in base units (1 coin = 10^8).
 *
 * @param confirmations blocks on top of it, itself included, or -1 when it is not on the active chain
 * @param minerAddress the address its coinbase's first output pays, empty for none
 * @param reward the coinbase's outputs: subsidy plus fees
 */
public record BlockDetail(int height, Hash hash, int version, Hash merkleRoot, long time, long medianTime,
        long bits, double difficulty, long nonce, String chainWorkHex, int confirmations, int sizeBytes,
        Optional<Hash> previous, Optional<Hash> next, long subsidy, long fees, long reward, String minerAddress,
        List<TxDetail> transactions) {
}
