package org.peerchain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.rpc.RpcCookie;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcServer;
import picocli.CommandLine;

/** {@code peerchain rpc} run in-process against a real server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcCommandTest {
    @TempDir
    Path dir;
    RpcServer server;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        RpcMethods methods = new RpcMethods();
        methods.register("getblockcount", List.of(), p -> new JsonPrimitive(42));
        methods.register("getbestblockhash", List.of(), p -> new JsonPrimitive("ab".repeat(32)));
        methods.register("echo", List.of("a", "b", "c", "d", "e"), p -> {
            JsonArray a = new JsonArray();
            for (int i = 0; i < p.size(); i++) {
                a.add(p.get(i));
            }
            return a;
        });
        methods.register("getinfo", List.of(), p -> {
            JsonObject o = new JsonObject();
            o.addProperty("chain", "regtest");
            o.addProperty("blocks", 42);
            return o;
        });
        methods.register("getblockhash", List.of("height"), p -> {
            p.requireLong(0, "height");
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Block height out of range");
        });
        server = RpcServer.start(0, dir.resolve(RpcCookie.FILE_NAME), methods);
        Files.writeString(dir.resolve("ports.json"), "{\"p2p\": 0, \"rpc\": " + server.port() + "}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsANumberResultAndExitsZero() {
        Run r = run("rpc", "--datadir", dir.toString(), "getblockcount");
        assertEquals(0, r.exit(), r.err());
        assertEquals("42\n", r.out());
    }

    @Test
    void printsAStringResultRawWithoutQuotes() {
        Run r = run("rpc", "--datadir", dir.toString(), "getbestblockhash");
        assertEquals(0, r.exit(), r.err());
        assertEquals("ab".repeat(32) + "\n", r.out());
    }

    @Test
    void printsAnObjectAsIndentedJson() {
        Run r = run("rpc", "--datadir", dir.toString(), "getinfo");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\n  \"chain\": \"regtest\",\n  \"blocks\": 42\n}\n", r.out());
    }

    @Test
    void sendsArgsAsJsonWhenTheyParseAndAsStringsOtherwise() {
        Run r = run("rpc", "--datadir", dir.toString(), "echo", "5", "true", "abc", "{\"k\":[1,2]}", "\"7\"");
        assertEquals(0, r.exit(), r.err());
        JsonElement printed = JsonParser.parseString(r.out());
        assertEquals(JsonParser.parseString("[5,true,\"abc\",{\"k\":[1,2]},\"7\"]"), printed);
    }

    @Test
    void usesTheExplicitRpcPortOverPortsJson() throws IOException {
        Files.writeString(dir.resolve("ports.json"), "{\"p2p\": 0, \"rpc\": 1}");
        Run r = run("rpc", "--datadir", dir.toString(), "--rpc-port", Integer.toString(server.port()), "getblockcount");
        assertEquals(0, r.exit(), r.err());
        assertEquals("42\n", r.out());
    }

    @Test
    void printsTheErrorCodeAndMessageAndExitsNonZero() {
        Run r = run("rpc", "--datadir", dir.toString(), "getblockhash", "1000");
        assertEquals(RpcCommand.EXIT_RPC_ERROR, r.exit());
        assertEquals("error code: -8\nerror message:\nBlock height out of range\n", r.err());
        assertEquals("", r.out());

        Run unknown = run("rpc", "--datadir", dir.toString(), "nosuchmethod");
        assertTrue(unknown.exit() != 0);
        assertTrue(unknown.err().startsWith("error code: -32601\n"), unknown.err());
    }

    @Test
    void saysClearlyWhenNoNodeRunsInTheDataDirectory(@TempDir Path empty) throws IOException {
        Files.writeString(empty.resolve(".cookie"), "__cookie__:" + "0".repeat(64) + "\n");
        Run r = run("rpc", "--datadir", empty.toString(), "getblockcount");
        assertEquals(RpcCommand.EXIT_UNREACHABLE, r.exit());
        assertTrue(r.err().contains("ports.json") && r.err().contains("is a node running"), r.err());
    }

    @Test
    void saysClearlyWhenTheCookieIsMissing(@TempDir Path empty) {
        Run r = run("rpc", "--datadir", empty.toString(), "getblockcount");
        assertEquals(RpcCommand.EXIT_UNREACHABLE, r.exit());
        assertTrue(r.err().contains(".cookie") && r.err().contains("cookie file not found"), r.err());
    }

    @Test
    void saysClearlyWhenTheNodeRefusesConnections() throws IOException {
        int port = server.port();
        server.close();
        // close() removed the cookie; a stale one left by a crashed node gets the command to the connection attempt.
        Files.writeString(dir.resolve(".cookie"), "__cookie__:" + "0".repeat(64) + "\n");
        Run r = run("rpc", "--datadir", dir.toString(), "--rpc-port", Integer.toString(port), "getblockcount");
        assertEquals(RpcCommand.EXIT_UNREACHABLE, r.exit());
        assertTrue(r.err().contains("could not connect") && r.err().contains("is the node running?"), r.err());
    }

    @Test
    void rejectsAnUnknownNetwork() {
        Run r = run("rpc", "--network", "moon", "getblockcount");
        assertTrue(r.exit() != 0);
        assertTrue(r.err().contains("unknown network 'moon'"), r.err());
    }
}
