package org.peerchain.ui.archfixture;

import org.peerchain.node.api.NodeServices;

/**
 * The same view-model done right: the height comes from the node's chain service. Only ArchitectureTest imports
 * it, to prove the rule for {@code ui} lets it through.
 */
public final class ReadsTheNodesServices {
    private final NodeServices node;

    public ReadsTheNodesServices(NodeServices node) {
        this.node = node;
    }

    public long height() {
        return node.chain().tip().height();
    }
}
