package org.peerchain.ui.explorer;

import java.util.Optional;
import org.peerchain.core.Hash;

/** Where the explorer is: what one entry of its Back and Forward history shows. */
public sealed interface Place {
    /** The block list, the mempool and the chain tips. */
    record Home() implements Place {
    }

    record BlockPlace(Hash hash) implements Place {
    }

    /**
     * A transaction; {@code block} or else {@code blockHeight} (-1 when not known), when known, find it without the
     * transaction index.
     */
    record TransactionPlace(Hash txid, Optional<Hash> block, int blockHeight) implements Place {
        public TransactionPlace(Hash txid, Optional<Hash> block) {
            this(txid, block, -1);
        }
    }

    record AddressPlace(String address) implements Place {
    }
}
