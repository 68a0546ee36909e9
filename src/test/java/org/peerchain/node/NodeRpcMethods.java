package org.peerchain.node;

import org.peerchain.node.rpc.RpcMethods;

/** The chain methods of a real {@link Node}, for tests that drive the RPC dispatcher without HTTP. */
public final class NodeRpcMethods {
    private NodeRpcMethods() {
    }

    /** The node's chain methods except {@code stop}, which would end the node under the test. */
    public static RpcMethods chainMethods(Node node) {
        RpcMethods all = new RpcMethods();
        new ChainRpc(node).register(all);
        RpcMethods m = new RpcMethods();
        for (String name : all.names()) {
            if (!name.equals("stop")) {
                RpcMethods.Method method = all.find(name).orElseThrow();
                m.register(method.name(), method.paramNames(), method.handler());
            }
        }
        return m;
    }
}
