package org.peerchain.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URL;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;
import wf.bitcoin.javabitcoindrpcclient.BitcoinRPCException;

/** An existing bitcoind client library (wf.bitcoin:bitcoin-rpc-client), unchanged, talks to our server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BitcoindClientCompatibilityTest {
    @TempDir
    Path dir;
    RpcTestSupport t;
    BitcoinJSONRPCClient client;

    @BeforeEach
    void start() throws Exception {
        t = new RpcTestSupport(dir);
        client = new BitcoinJSONRPCClient(new URL("http://" + RpcCookie.USER + ":" + t.cookie.password()
                + "@127.0.0.1:" + t.server.port() + "/"));
    }

    @AfterEach
    void stop() {
        t.server.close();
    }

    @Test
    void aBitcoindClientLibraryReadsResults() {
        assertEquals(RpcTestSupport.BLOCK_COUNT, client.getBlockCount());
        assertEquals(RpcTestSupport.BEST_HASH, client.getBestBlockHash());
        assertEquals(String.format("%064x", 5), client.getBlockHash(5));
    }

    @Test
    void aBitcoindClientLibraryReadsErrorCodesAndMessages() {
        BitcoinRPCException outOfRange = assertThrows(BitcoinRPCException.class, () -> client.getBlockHash(1000));
        assertEquals(500, outOfRange.getResponseCode());
        // The library keeps the error body it read; its getRPCError() looks for "error" inside the error
        // object itself and so reads code 0 from bitcoind too, hence the body is checked.
        JsonObject error = errorOf(outOfRange);
        assertEquals(RpcErrors.INVALID_PARAMETER, error.get("code").getAsInt());
        assertEquals("Block height out of range", error.get("message").getAsString());
        assertTrue(outOfRange.getMessage().contains("Block height out of range"), outOfRange.getMessage());

        BitcoinRPCException unknown = assertThrows(BitcoinRPCException.class, () -> client.query("nosuchmethod"));
        assertEquals(404, unknown.getResponseCode());
        assertEquals(RpcErrors.METHOD_NOT_FOUND, errorOf(unknown).get("code").getAsInt());
    }

    private static JsonObject errorOf(BitcoinRPCException e) {
        return JsonParser.parseString(e.getResponse()).getAsJsonObject().getAsJsonObject("error");
    }

    @Test
    void aBitcoindClientLibraryWithAWrongPasswordSeesUnauthorized() throws Exception {
        BitcoinJSONRPCClient wrong = new BitcoinJSONRPCClient(new URL("http://" + RpcCookie.USER + ":" + "0".repeat(64)
                + "@127.0.0.1:" + t.server.port() + "/"));
        BitcoinRPCException e = assertThrows(BitcoinRPCException.class, wrong::getBlockCount);
        assertEquals(401, e.getResponseCode());
    }
}
