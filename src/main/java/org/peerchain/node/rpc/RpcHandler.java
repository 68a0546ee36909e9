package org.peerchain.node.rpc;

import com.google.gson.JsonElement;

/** One RPC method. Returns the result (never Java null: use {@code JsonNull.INSTANCE}). */
@FunctionalInterface
public interface RpcHandler {
    JsonElement handle(RpcParams params) throws RpcException;
}
