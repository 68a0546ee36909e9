package org.peerchain.wallet;

import org.peerchain.core.Hash;
import org.peerchain.core.Transaction;

/** A send the node accepted: the transaction, what the recipient gets, the fee and the change back to us. */
public record SendResult(Hash txid, long amount, long fee, long change, Transaction tx) {
}
