package org.peerchain.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Merkle root over txids. Unlike Bitcoin, an odd node is carried up unchanged rather than paired with
 * itself, so two different transaction lists can never share a root (CVE-2012-2459 cannot arise).
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    public static Hash root(List<Hash> leaves) {
        if (leaves.isEmpty()) {
            return Hash.ZERO;
        }
        List<Hash> level = new ArrayList<>(leaves);
        byte[] pair = new byte[Hash.LENGTH * 2];
        while (level.size() > 1) {
            List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                if (i + 1 == level.size()) {
                    next.add(level.get(i));
                } else {
                    level.get(i).copyTo(pair, 0);
                    level.get(i + 1).copyTo(pair, Hash.LENGTH);
                    next.add(Hash.sha256d(pair));
                }
            }
            level = next;
        }
        return level.get(0);
    }
}
