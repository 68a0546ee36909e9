package org.peerchain.wallet;

import java.util.List;
import org.peerchain.core.Address;
import org.peerchain.core.Hash;

/**
 * What one of our receive addresses was paid (bitcoind's {@code listreceivedbyaddress} entry): the total of the
 * transactions with enough confirmations, the confirmations of the latest of them (0 for none) and their ids.
 */
public record AddressReceipts(Address address, String label, long amount, int confirmations, List<Hash> txids) {
    public AddressReceipts {
        txids = List.copyOf(txids);
    }
}
