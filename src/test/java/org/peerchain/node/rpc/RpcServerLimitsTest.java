package org.peerchain.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Security round 2, finding 6: the read deadline and the connection limits of the server, with small limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcServerLimitsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** How long past the deadline the server may take to act on it. */
    private static final long SLACK_MS = 3_000;
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}";

    @TempDir
    Path dir;
    RpcTestSupport t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.server.close();
        }
    }

    private void start(int perClient, int total) throws IOException {
        t = new RpcTestSupport(dir, new RpcServer.Limits(DEADLINE, perClient, total));
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", t.server.port());
        s.setSoTimeout((int) (DEADLINE.toMillis() + SLACK_MS));
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Everything the server sends until it closes (a read time-out fails the test). */
    private static String untilClosed(Socket s) throws IOException {
        try {
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketException e) {
            return "reset: " + e.getMessage();
        }
    }

    @Test
    void aRequestNotReadWholeWithinTheDeadlineGets408AndTheConnectionCloses() throws Exception {
        start(RpcServer.MAX_CONNECTIONS_PER_CLIENT, RpcServer.MAX_CONNECTIONS);
        try (Socket head = connect(); Socket body = connect()) {
            send(head, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            send(body, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + t.basicAuth(t.cookie.password())
                    + "\r\nContent-Length: 100\r\n\r\n{\"method\":");
            long start = System.nanoTime();
            String toHead = untilClosed(head);
            String toBody = untilClosed(body);
            assertTrue(toHead.startsWith("HTTP/1.1 408"), toHead);
            assertTrue(toHead.contains("not read whole within 1 seconds"), toHead);
            assertTrue(toBody.startsWith("HTTP/1.1 408"), toBody);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < DEADLINE.toMillis() + SLACK_MS);
        }
    }

    @Test
    void aClientTricklingItsHeadCannotStretchTheDeadline() throws Exception {
        start(RpcServer.MAX_CONNECTIONS_PER_CLIENT, RpcServer.MAX_CONNECTIONS);
        try (Socket s = connect()) {
            long start = System.nanoTime();
            String header = "POST / HTTP/1.1\r\nX-Padding: " + "a".repeat(1_000);
            InputStream in = s.getInputStream();
            boolean closed = false;
            for (int i = 0; i < header.length() && !closed; i++) {
                try {
                    send(s, header.substring(i, i + 1));
                } catch (SocketException e) {
                    closed = true;
                }
                // one byte every 50 ms: each read is quick, only the whole is slow
                if (in.available() > 0) {
                    closed = true;
                }
                Thread.sleep(50);
            }
            String reply = untilClosed(s);
            assertTrue(closed || reply.startsWith("HTTP/1.1 408"), reply);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < DEADLINE.toMillis() + SLACK_MS,
                    "the connection stayed open past the deadline");
        }
    }

    @Test
    void anIdleConnectionIsClosedAtTheDeadlineWithoutAnAnswer() throws Exception {
        start(RpcServer.MAX_CONNECTIONS_PER_CLIENT, RpcServer.MAX_CONNECTIONS);
        try (Socket s = connect()) {
            assertEquals("", untilClosed(s));
        }
    }

    @Test
    void aConnectionOverThePerClientLimitGets503AndAClosedOneFreesItsPlace() throws Exception {
        start(2, RpcServer.MAX_CONNECTIONS);
        try (Socket first = connect(); Socket second = connect()) {
            try (Socket third = connect()) {
                String reply = untilClosed(third);
                assertTrue(reply.startsWith("HTTP/1.1 503"), reply);
                assertTrue(reply.contains("too many connections from 127.0.0.1 (2); the limit is 2 per client"), reply);
                assertTrue(reply.contains("Retry-After: 1"), reply);
            }
            first.close();
            // the server notices the close and frees the place: a call is then served
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int status = 0;
            while (status != 200 && System.nanoTime() < until) {
                status = t.post(CALL).statusCode();
            }
            assertEquals(200, status);
        }
    }

    @Test
    void aConnectionOverTheServersLimitGets503() throws Exception {
        start(RpcServer.MAX_CONNECTIONS_PER_CLIENT, 2);
        try (Socket first = connect(); Socket second = connect(); Socket third = connect()) {
            String reply = untilClosed(third);
            assertTrue(reply.startsWith("HTTP/1.1 503"), reply);
            assertTrue(reply.contains("the RPC server has 2 connections open; the limit is 2"), reply);
        }
    }

    @Test
    void aKeptAliveConnectionServesOneRequestAfterAnother() throws Exception {
        start(RpcServer.MAX_CONNECTIONS_PER_CLIENT, RpcServer.MAX_CONNECTIONS);
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                send(s, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + t.basicAuth(t.cookie.password())
                        + "\r\nContent-Length: " + CALL.length() + "\r\n\r\n" + CALL);
                String reply = readResponse(s.getInputStream());
                assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
                assertTrue(reply.contains("\"result\":42"), reply);
            }
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        start(RpcServer.MAX_CONNECTIONS_PER_CLIENT, RpcServer.MAX_CONNECTIONS);
        try (Socket s = connect()) {
            send(s, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + t.basicAuth(t.cookie.password())
                    + "\r\nExpect: 100-continue\r\nContent-Length: " + CALL.length() + "\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readHead(s.getInputStream()));
            send(s, CALL);
            assertTrue(readResponse(s.getInputStream()).startsWith("HTTP/1.1 200"));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while (!sb.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
