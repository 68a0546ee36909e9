package org.peerchain.mining;

import java.util.Objects;
import java.util.function.Function;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;

/**
 * One unit of work: a header template to search nonces on, and the way back to a full block once a
 * nonce (and possibly a rolled time) solves it. A block template implements this.
 */
public interface Work {
    /** The header to mine; its nonce is ignored, its time may be rolled forward to the wall clock. */
    BlockHeader header();

    /** The block for a solved header (the template's header with a nonce and possibly a later time). */
    Block assemble(BlockHeader solvedHeader);

    static Work of(BlockHeader header, Function<BlockHeader, Block> assembler) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(assembler, "assembler");
        return new Work() {
            @Override
            public BlockHeader header() {
                return header;
            }

            @Override
            public Block assemble(BlockHeader solvedHeader) {
                return assembler.apply(solvedHeader);
            }

            @Override
            public String toString() {
                return "Work on " + header.prevHash();
            }
        };
    }
}
