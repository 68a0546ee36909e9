package org.peerchain.wallet;

import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Transaction;

/** Where the wallet hands a signed transaction: the node's mempool, which relays it. Returns the fee. */
@FunctionalInterface
public interface TransactionSubmitter {
    long submit(Transaction tx) throws ValidationException;
}
