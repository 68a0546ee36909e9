package org.peerchain.p2p;

import java.util.ArrayList;
import java.util.List;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.core.Hash;

/**
 * A block locator: hashes from a header back to genesis, the last {@link #DENSE} one by one, then with
 * doubling steps, so that two nodes find their last common block in one round trip whatever their forks.
 */
final class BlockLocator {
    static final int DENSE = 10;

    private BlockLocator() {
    }

    static List<Hash> from(BlockIndexEntry start, ChainAccess chain) {
        List<Hash> out = new ArrayList<>();
        BlockIndexEntry e = start;
        int step = 1;
        while (e != null) {
            out.add(e.hash());
            if (e.height() == 0) {
                break;
            }
            if (out.size() >= DENSE) {
                step *= 2;
            }
            int h = Math.max(0, e.height() - step);
            e = chain.isActive(e) ? chain.entryAt(h) : e.ancestor(h);
        }
        return out;
    }
}
