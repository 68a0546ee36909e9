package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerchain.node.TwoNodes.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcParams;

/** The network RPC methods over the peers service, on real nodes: bitcoind's fields and errors. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NetworkRpcTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final TwoNodes net = new TwoNodes(() -> dir);

    private static JsonElement call(Node n, String method, JsonElement... params) throws RpcException {
        RpcMethods m = new RpcMethods();
        new NetworkRpc(n).register(m);
        RpcMethods.Method found = m.find(method).orElseThrow();
        return found.handler().handle(RpcParams.of(method, found.paramNames(), params));
    }

    private static int peerCount(Node n) {
        try {
            return call(n, "getpeerinfo").getAsJsonArray().size();
        } catch (RpcException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void getpeerinfoKeepsBitcoindsFieldsAndAddsTheSourceAndHeight() throws Exception {
        Node a = net.a();
        net.bDialling(a);
        await("connected", () -> peerCount(a) == 1);
        JsonObject p = call(a, "getpeerinfo").getAsJsonArray().get(0).getAsJsonObject();
        for (String field : List.of("id", "addr", "inbound", "version", "subver", "nodeid", "listenport", "startingheight",
                "synced_headers", "synced_blocks", "bytessent", "bytesrecv", "conntime", "lastsend", "lastrecv",
                "banscore", "misbehaviour", "connection_type")) {
            assertTrue(p.has(field), field);
        }
        assertEquals("inbound", p.get("connection_type").getAsString());
        assertEquals("inbound", p.get("connection_source").getAsString());
        assertEquals(0, p.get("height").getAsLong());
        assertTrue(Math.abs(p.get("conntime").getAsLong() - System.currentTimeMillis() / 1000) < 60, "seconds, not ms");
        JsonObject info = call(a, "getnetworkinfo").getAsJsonObject();
        assertEquals(1, info.get("connections").getAsInt());
        assertEquals(1, info.get("connections_in").getAsInt());
        assertEquals(0, info.get("connections_out").getAsInt());
    }

    @Test
    void setbanListbannedAndDisconnectnodeWorkAsInBitcoind() throws Exception {
        Node a = net.a();
        net.bDialling(a);
        await("connected", () -> peerCount(a) == 1);
        JsonObject peer = call(a, "getpeerinfo").getAsJsonArray().get(0).getAsJsonObject();

        call(a, "disconnectnode", new JsonPrimitive(peer.get("addr").getAsString()));
        await("that connection gone", () -> {
            try {
                JsonArray now = call(a, "getpeerinfo").getAsJsonArray();
                return now.isEmpty() || now.get(0).getAsJsonObject().get("id").getAsLong() != peer.get("id").getAsLong();
            } catch (RpcException e) {
                throw new AssertionError(e);
            }
        });
        RpcException notFound = assertThrows(RpcException.class,
                () -> call(a, "disconnectnode", new JsonPrimitive(""), new JsonPrimitive(9_999)));
        assertEquals(NetworkRpc.CLIENT_NODE_NOT_CONNECTED, notFound.code());
        RpcException both = assertThrows(RpcException.class,
                () -> call(a, "disconnectnode", new JsonPrimitive("127.0.0.1:1"), new JsonPrimitive(1)));
        assertEquals(RpcErrors.INVALID_PARAMS, both.code());

        call(a, "setban", new JsonPrimitive("127.0.0.1"), new JsonPrimitive("add"), new JsonPrimitive(3600));
        JsonObject ban = call(a, "listbanned").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("127.0.0.1/32", ban.get("address").getAsString());
        assertEquals(3600, ban.get("ban_duration").getAsLong());
        assertEquals(NetworkRpc.MANUAL_BAN_REASON, ban.get("reason").getAsString());
        await("the banned peer dropped", () -> peerCount(a) == 0);
        RpcException again = assertThrows(RpcException.class,
                () -> call(a, "setban", new JsonPrimitive("127.0.0.1"), new JsonPrimitive("add")));
        assertEquals(NetworkRpc.CLIENT_NODE_ALREADY_ADDED, again.code());
        call(a, "setban", new JsonPrimitive("127.0.0.1/32"), new JsonPrimitive("remove"));
        assertTrue(call(a, "listbanned").getAsJsonArray().isEmpty());
    }

    @Test
    void withP2pOffTheNetworkMethodsSayItIsDisabled() throws Exception {
        Node n = net.withoutP2p();
        for (String method : List.of("getpeerinfo", "listbanned", "clearbanned")) {
            assertEquals(NetworkRpc.CLIENT_P2P_DISABLED, assertThrows(RpcException.class, () -> call(n, method)).code(),
                    method);
        }
        assertEquals(0, call(n, "getnetworkinfo").getAsJsonObject().get("connections").getAsInt());
    }
}
