package org.peerchain.ui.archfixture;

import org.peerchain.chain.ChainState;

/**
 * A screen's view-model that breaks DESIGN.md section 3 on purpose: it reads the height from the chain's own state
 * instead of the node's services. Only ArchitectureTest imports it, to prove the rule for {@code ui} reports it.
 */
public final class ReachesIntoChain {
    private final ChainState chain;

    public ReachesIntoChain(ChainState chain) {
        this.chain = chain;
    }

    public int height() {
        return chain.height();
    }
}
