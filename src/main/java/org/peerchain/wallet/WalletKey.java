package org.peerchain.wallet;

import org.peerchain.core.KeyHash;

/**
 * One derived key the wallet watches: its path, the hash its outputs pay, whether it was handed out (an
 * address given to someone, or change) and whether the chain or mempool has paid it. Owned by {@link WalletLedger}.
 */
final class WalletKey {
    final KeyPath path;
    final KeyHash keyHash;
    boolean issued;
    boolean used;
    String label;

    WalletKey(KeyPath path, KeyHash keyHash, boolean issued, String label) {
        this.path = path;
        this.keyHash = keyHash;
        this.issued = issued;
        this.label = label == null ? "" : label;
    }

    boolean available() {
        return !issued && !used;
    }
}
