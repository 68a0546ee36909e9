package org.peerchain.wallet;

import org.peerchain.core.KeyHash;

/** One recipient of a send: the key hash paid and how much, in base units. */
public record Payment(KeyHash payTo, long amount) {
    public Payment {
        if (payTo == null) {
            throw new IllegalArgumentException("a payment needs a recipient");
        }
    }
}
