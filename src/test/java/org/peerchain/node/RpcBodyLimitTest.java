package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcServer;

/**
 * Security round 2, finding 11 (body limit): one limit, {@link RpcServer#MAX_BODY_BYTES}, as docs/RPC.md states it.
 * A request one byte over it, sent whole by the ordinary client, gets the server's 413 naming the limit (not a reset
 * connection), and the node goes on serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcBodyLimitTest {
    @TempDir
    Path dir;

    /** The JSON the client wraps around one string parameter of submitblock, as RpcClient writes it. */
    private static int envelopeBytes() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"submitblock\",\"params\":[\"\"]}"
                .getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aBodyOneByteOverTheLimitGetsA413NamingItAndTheNodeKeepsServing() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            String hex = "00".repeat((RpcServer.MAX_BODY_BYTES + 1 - envelopeBytes()) / 2)
                    + ((RpcServer.MAX_BODY_BYTES + 1 - envelopeBytes()) % 2 == 1 ? "0" : "");
            for (int i = 0; i < 3; i++) {
                IOException e = assertThrows(IOException.class, () -> rpc.call("submitblock", new JsonPrimitive(hex)));
                assertTrue(e.getMessage().contains("HTTP 413"), e.getMessage());
                assertTrue(e.getMessage().contains("the limit is " + RpcServer.MAX_BODY_BYTES + " bytes"), e.getMessage());
                assertEquals(0, rpc.call("getblockcount").getAsInt());
            }
        }
    }

    @Test
    void aBodyAtTheLimitIsRead() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            int room = RpcServer.MAX_BODY_BYTES - envelopeBytes();
            String hex = "00".repeat(room / 2) + (room % 2 == 1 ? "0" : "");
            // Read whole and handed to submitblock, which names what is wrong with these bytes.
            var e = assertThrows(org.peerchain.node.rpc.RpcException.class,
                    () -> rpc.call("submitblock", new JsonPrimitive(hex)));
            assertTrue(e.getMessage().toLowerCase().contains("decode") || e.getMessage().toLowerCase().contains("hex"),
                    e.getMessage());
        }
    }
}
