package org.peerchain.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerchain.core.Block;
import org.peerchain.core.Hash;

/**
 * Blocks that arrived before their parent, held by parent hash until it comes: at most {@code capacity}, the oldest
 * dropped first (a peer sends it again, or the download asks for it once its header connects). Not thread-safe: the
 * chain's lock guards it.
 */
final class OrphanBlocks {
    private final int capacity;
    private final Map<Hash, List<Block>> byParent = new HashMap<>();
    private final Deque<Block> order = new ArrayDeque<>();

    OrphanBlocks(int capacity) {
        this.capacity = capacity;
    }

    /** Holds {@code block} (once: the same block again changes nothing), dropping the oldest when full. */
    void add(Block block) {
        List<Block> held = byParent.get(block.header().prevHash());
        if (held != null && held.stream().anyMatch(b -> b.hash().equals(block.hash()))) {
            return;
        }
        if (order.size() >= capacity) {
            Block dropped = order.poll();
            List<Block> siblings = byParent.get(dropped.header().prevHash());
            if (siblings != null) {
                siblings.remove(dropped);
                if (siblings.isEmpty()) {
                    byParent.remove(dropped.header().prevHash());
                }
            }
        }
        byParent.computeIfAbsent(block.header().prevHash(), k -> new ArrayList<>(1)).add(block);
        order.add(block);
    }

    /** Takes out and returns the blocks waiting for {@code parent} (none: an empty list). */
    List<Block> takeChildrenOf(Hash parent) {
        List<Block> waiting = byParent.remove(parent);
        if (waiting == null) {
            return List.of();
        }
        order.removeAll(waiting);
        return waiting;
    }

    int size() {
        return order.size();
    }
}
