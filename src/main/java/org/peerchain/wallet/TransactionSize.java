package org.peerchain.wallet;

import org.peerchain.core.Ed25519Keys;
import org.peerchain.core.Hash;
import org.peerchain.core.KeyHash;

/**
 * Sizes of our transactions in core's canonical encoding, to price them before they exist: a 4-byte version,
 * compact-size counts, inputs of (txid, index, 32-byte key, 64-byte signature) and outputs of
 * (8-byte amount, 20-byte key hash).
 */
public final class TransactionSize {
    public static final int VERSION_BYTES = 4;
    /** txid + index + compact-size(32) + key + compact-size(64) + signature. */
    public static final int INPUT_BYTES = Hash.LENGTH + 4 + 1 + Ed25519Keys.PUBLIC_KEY_SIZE + 1 + Ed25519Keys.SIGNATURE_SIZE;
    public static final int OUTPUT_BYTES = 8 + KeyHash.LENGTH;

    private TransactionSize() {
    }

    public static long of(int inputs, int outputs) {
        return VERSION_BYTES + compactSize(inputs) + (long) inputs * INPUT_BYTES + compactSize(outputs)
                + (long) outputs * OUTPUT_BYTES;
    }

    static int compactSize(long n) {
        return n < 0xFD ? 1 : n <= 0xFFFF ? 3 : n <= 0xFFFF_FFFFL ? 5 : 9;
    }
}
