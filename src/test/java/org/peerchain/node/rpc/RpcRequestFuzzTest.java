package org.peerchain.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeRpcMethods;

/**
 * Fuzz target for an RPC request body: {@link RpcDispatcher#handle} on arbitrary bytes, with the chain
 * methods of a real regtest node (getblock, getblockhash, getblockheader, ...) and a method taking every
 * parameter type. Every body must get a well-formed reply with one of the documented statuses; an
 * error must be one of the documented codes with a message, never "internal error" (-32603) or a
 * handler's uncaught exception turned into -1 (a -1 with the method's usage is bitcoind's answer to
 * missing or extra parameters).
 */
class RpcRequestFuzzTest {
    private static final Set<Integer> STATUSES = Set.of(RpcDispatcher.HTTP_OK, RpcDispatcher.HTTP_NO_CONTENT,
            RpcDispatcher.HTTP_BAD_REQUEST, RpcDispatcher.HTTP_NOT_FOUND, RpcDispatcher.HTTP_INTERNAL_SERVER_ERROR);
    private static Path dir;
    private static Node node;
    private static RpcDispatcher dispatcher;

    @BeforeAll
    static void startNode() throws Exception {
        dir = Files.createTempDirectory("rpc-fuzz");
        node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF));
        RpcMethods methods = NodeRpcMethods.chainMethods(node);
        methods.register("typed", List.of("height", "count", "label", "flag", "hash"), p -> {
            JsonArray a = new JsonArray();
            a.add(p.requireLong(0, "height"));
            a.add(p.optionalInt(1, "count", 7));
            a.add(p.optionalString(2, "label", "none"));
            a.add(p.optionalBoolean(3, "flag", false));
            if (p.has(4)) {
                a.add(p.requireHash(4, "hash").toHex());
            }
            return a;
        });
        dispatcher = new RpcDispatcher(methods, () -> null);
    }

    @AfterAll
    static void stopNode() throws IOException {
        if (node != null) {
            node.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @FuzzTest
    void everyRequestBodyGetsAWellFormedReplyOrADocumentedError(byte[] body) {
        RpcDispatcher.Reply reply = dispatcher.handle(body);
        assertTrue(STATUSES.contains(reply.status()), "status " + reply.status());
        if (reply.status() == RpcDispatcher.HTTP_NO_CONTENT) {
            assertTrue(reply.body().isEmpty(), "a 204 has no body");
            return;
        }
        JsonElement json = JsonParser.parseString(reply.body().orElseThrow());
        if (json.isJsonArray()) {
            assertEquals(RpcDispatcher.HTTP_OK, reply.status(), "a batch reply comes with 200");
            json.getAsJsonArray().forEach(RpcRequestFuzzTest::checkReplyObject);
        } else {
            checkReplyObject(json);
        }
    }

    private static void checkReplyObject(JsonElement e) {
        assertTrue(e.isJsonObject(), "a reply is an object");
        JsonObject o = e.getAsJsonObject();
        JsonElement error = o.get("error");
        if (error == null || error.isJsonNull()) {
            assertTrue(o.has("result"), "a reply without an error has a result");
            return;
        }
        JsonObject err = error.getAsJsonObject();
        int code = err.get("code").getAsInt();
        String message = err.get("message").getAsString();
        assertFalse(message.isBlank(), "an error says what is wrong");
        assertNotEquals(RpcErrors.INTERNAL_ERROR, code, message);
        // -1 is bitcoind's answer to a call that does not fit the method's usage, and then it gives the usage;
        // any other -1 is a handler's uncaught exception ("<method> failed: ...")
        assertTrue(code != RpcErrors.MISC_ERROR || message.contains("Usage: "), "a handler failed on its input: " + message);
        assertTrue(code < 0, "error codes are negative: " + code);
        assertTrue(err.get("message") instanceof JsonPrimitive p && p.isString());
    }
}
