package org.peerchain.node.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The RPC server's HTTP answers: a whole response written at once, and closing a connection without losing it. */
final class HttpReplies {
    /**
     * After answering and closing its side, the server reads (and drops) what the client still sends, for this
     * long or this many bytes, so that closing does not reset the connection before the client has read the answer
     * (the "lingering close" of HTTP servers).
     */
    private static final long LINGER_MS = 2_000;
    private static final long LINGER_BYTES = RpcServer.MAX_BODY_BYTES;

    private HttpReplies() {
    }

    static byte[] text(String message) {
        return (message + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a whole response; {@code headers} are name, value pairs. */
    static void write(OutputStream out, int status, String contentType, byte[] body, boolean close,
            String... headers) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (status != 204) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }

    /**
     * Closes our side after the answer and drops what the client still sends for a moment, so that the close does
     * not reset the connection (losing the answer) while the client is still writing its request.
     */
    static void closeGently(Socket socket, OutputStream out) {
        try {
            out.flush();
            socket.shutdownOutput();
            socket.setSoTimeout((int) LINGER_MS);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
            long dropped = 0;
            while (dropped < LINGER_BYTES && System.nanoTime() < until) {
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                dropped += n;
            }
        } catch (IOException e) {
            // the client closed or reset first: nothing more to wait for
        } finally {
            closeQuietly(socket);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }
}
