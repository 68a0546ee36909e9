package org.peerchain.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcClientTest {
    @TempDir
    Path dir;

    static void writePorts(Path dir, int rpc) throws IOException {
        Files.writeString(dir.resolve(RpcClient.PORTS_FILE), "{\"p2p\": 1, \"rpc\": " + rpc + "}");
    }

    @Test
    void findsTheNodeThroughItsDataDirectoryAndReturnsResults() throws Exception {
        RpcTestSupport t = new RpcTestSupport(dir);
        try {
            writePorts(dir, t.server.port());
            RpcClient client = RpcClient.forDataDir(dir);
            assertEquals(42, client.call("getblockcount").getAsInt());
            JsonElement big = RpcTestSupport.json("18446744073709551617");
            assertEquals("[18446744073709551617,\"x\"]", client.call("echo", big, new JsonPrimitive("x")).toString());
        } finally {
            t.server.close();
        }
    }

    @Test
    void throwsTheServersErrorCodeAndMessage() throws Exception {
        RpcTestSupport t = new RpcTestSupport(dir);
        try {
            writePorts(dir, t.server.port());
            RpcClient client = RpcClient.forDataDir(dir);
            RpcException e = assertThrows(RpcException.class, () -> client.call("getblockhash", new JsonPrimitive(1000)));
            assertEquals(RpcErrors.INVALID_PARAMETER, e.code());
            assertEquals("Block height out of range", e.getMessage());
            RpcException unknown = assertThrows(RpcException.class, () -> client.call("nosuchmethod"));
            assertEquals(RpcErrors.METHOD_NOT_FOUND, unknown.code());
        } finally {
            t.server.close();
        }
    }

    @Test
    void saysClearlyWhenNoNodeRunsInTheDataDirectory() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RpcClient.forDataDir(dir));
        assertTrue(e.getMessage().contains("ports.json") && e.getMessage().contains("is a node running"), e.getMessage());
    }

    @Test
    void saysClearlyWhenTheCookieIsMissing() throws Exception {
        writePorts(dir, 1);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RpcClient.forDataDir(dir));
        assertTrue(e.getMessage().contains(".cookie") && e.getMessage().contains("cookie file not found"), e.getMessage());
    }

    @Test
    void rejectsAMalformedPortsFile() throws Exception {
        Files.writeString(dir.resolve(RpcClient.PORTS_FILE), "{\"p2p\": 1}");
        IOException e = assertThrows(IOException.class, () -> RpcClient.readRpcPort(dir));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void saysClearlyWhenTheConnectionIsRefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RpcClient client = new RpcClient("127.0.0.1", closedPort, RpcCookie.generate());
        ConnectException e = assertThrows(ConnectException.class, () -> client.call("getblockcount"));
        assertTrue(e.getMessage().contains("is the node running?"), e.getMessage());
    }

    @Test
    void reportsAStaleCookieAsRefused() throws Exception {
        RpcTestSupport t = new RpcTestSupport(dir);
        try {
            RpcClient client = new RpcClient("127.0.0.1", t.server.port(), RpcCookie.generate());
            IOException e = assertThrows(IOException.class, () -> client.call("getblockcount"));
            assertTrue(e.getMessage().contains("401"), e.getMessage());
        } finally {
            t.server.close();
        }
    }
}
