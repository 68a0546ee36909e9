package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcServer;

/**
 * Security round 2, finding 6: clients that connect to a real node's RPC port and stall (nothing sent, half a head,
 * a head and half a body) block nobody; one address holding too many connections gets a clear 503.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RpcStalledClientsTest {
    /** More stalled clients than the old server's 16 worker threads. */
    private static final int STALLED = 24;
    /** An authenticated call is answered within this while the stalled clients hold their connections. */
    private static final long ANSWER_WITHIN_SECONDS = 5;

    @TempDir
    Path dir;

    @Test
    void stalledUnauthenticatedClientsDoNotDelayAnAuthenticatedCall() throws Exception {
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), node.rpcPort());
                    String part = switch (i % 3) {
                        case 0 -> "";
                        case 1 -> "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
                        default -> "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"method\":";
                    };
                    s.getOutputStream().write(part.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    stalled.add(s);
                }
                CompletableFuture<Integer> count = CompletableFuture.supplyAsync(() -> {
                    try {
                        return rpc.call("getblockcount").getAsInt();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertEquals(0, count.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS));
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    @Test
    void oneAddressOverItsConnectionLimitGetsA503AndOtherAddressesAreServed() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        Assumptions.assumeTrue(canBind(other), "this system cannot send from 127.0.0.2");
        try (Node node = Node.start(NodeConfig.regtest(dir))) {
            RpcClient rpc = RpcClient.forDataDir(dir);
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < RpcServer.MAX_CONNECTIONS_PER_CLIENT; i++) {
                    held.add(connectFrom(other, node.rpcPort()));
                }
                try (Socket over = connectFrom(other, node.rpcPort())) {
                    over.setSoTimeout(10_000);
                    String reply = new String(readAll(over.getInputStream()), StandardCharsets.UTF_8);
                    assertTrue(reply.startsWith("HTTP/1.1 503"), reply);
                    assertTrue(reply.contains("too many connections from 127.0.0.2"), reply);
                    assertTrue(reply.contains("limit is " + RpcServer.MAX_CONNECTIONS_PER_CLIENT), reply);
                }
                assertEquals(0, CompletableFuture.supplyAsync(() -> {
                    try {
                        return rpc.call("getblockcount").getAsInt();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS));
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    private static boolean canBind(InetAddress address) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connectFrom(InetAddress from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return s;
    }

    /** Until the server closes the connection (or the socket's read time-out, which fails the test). */
    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
