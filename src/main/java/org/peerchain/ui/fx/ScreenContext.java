package org.peerchain.ui.fx;

import org.peerchain.node.api.NodeServices;

/** What every screen is built with: the running node's services, the FX dispatcher and the navigator. */
public record ScreenContext(NodeServices node, FxDispatcher dispatcher, Navigator navigator) {
}
