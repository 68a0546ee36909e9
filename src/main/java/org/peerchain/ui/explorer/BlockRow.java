package org.peerchain.ui.explorer;

import java.util.Optional;
import org.peerchain.node.api.BlockSummary;

/** One row of the block list: its height is known at once, its summary once its page has been read. */
public record BlockRow(int height, Optional<BlockSummary> summary) {
    static BlockRow loading(int height) {
        return new BlockRow(height, Optional.empty());
    }
}
