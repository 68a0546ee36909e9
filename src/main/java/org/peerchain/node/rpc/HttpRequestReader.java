package org.peerchain.node.rpc;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.x requests from one connection of the RPC server, each under one deadline: from the moment the server
 * waits for a request until its body has been read ({@link #startRequest()}), however slowly the bytes come. The
 * deadline is kept by giving every blocking read only the time that is left, so no other thread is involved.
 */
final class HttpRequestReader {
    /** A request line or header line longer than this is refused (no legitimate JSON-RPC client sends one). */
    static final int MAX_LINE_BYTES = 8192;
    /** A chunk-size line is a few hex digits and perhaps an extension; anything longer is refused. */
    private static final int MAX_CHUNK_LINE_BYTES = 1024;

    /** A request head: method, target and version as sent, header names in lower case (first value of each). */
    record Head(String method, String target, String version, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it. */
        boolean keepAlive() {
            String connection = header("connection");
            String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
            return "HTTP/1.1".equals(version) ? !tokens.contains("close") : tokens.contains("keep-alive");
        }
    }

    /** What is wrong with a request, as the HTTP status and text the server answers with before closing. */
    static final class BadRequest extends Exception {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The request was not read whole before its deadline. */
    static final class Expired extends IOException {
        private final boolean started;

        Expired(boolean started) {
            super("the request was not read within the deadline");
            this.started = started;
        }

        /** Whether any byte of the request had come (an idle kept-alive connection expires with none). */
        boolean started() {
            return started;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final long timeoutNanos;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private long deadline;
    private long readSinceStart;

    HttpRequestReader(Socket socket, long timeoutNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.timeoutNanos = timeoutNanos;
    }

    /** The deadline for the next request starts now. */
    void startRequest() {
        deadline = System.nanoTime() + timeoutNanos;
        readSinceStart = 0;
    }

    /**
     * The next request's head, or null when the client closed the connection cleanly between requests. Blank lines
     * before the request line are skipped, as RFC 9112 asks.
     */
    Head readHead() throws IOException, BadRequest {
        String requestLine;
        do {
            requestLine = readLine(MAX_LINE_BYTES, true);
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty());
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new BadRequest(400, "Bad request line: " + abbreviated(requestLine));
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new BadRequest(505, "HTTP version not supported: " + abbreviated(parts[2]));
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(MAX_LINE_BYTES, false); !line.isEmpty(); line = readLine(MAX_LINE_BYTES, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new BadRequest(400, "Bad header line: " + abbreviated(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            String earlier = headers.putIfAbsent(name, value);
            if (earlier != null && name.equals("content-length") && !earlier.equals(value)) {
                throw new BadRequest(400, "Two different Content-Length headers");
            }
        }
        return new Head(parts[0], parts[1], parts[2], headers);
    }

    /** The body of {@code head}, at most {@code maxBytes}: by Content-Length, or in chunks. */
    byte[] readBody(Head head, int maxBytes) throws IOException, BadRequest {
        String encoding = head.header("transfer-encoding");
        String declared = head.header("content-length");
        if (encoding != null) {
            if (declared != null) {
                throw new BadRequest(400, "A request has Content-Length or Transfer-Encoding, not both");
            }
            if (!encoding.equalsIgnoreCase("chunked")) {
                throw new BadRequest(501, "Transfer-Encoding not supported: " + abbreviated(encoding));
            }
            return readChunked(maxBytes);
        }
        long length = declaredLength(head);
        if (length > maxBytes) {
            throw new BadRequest(413, "Content-Length is " + length + " bytes");
        }
        byte[] body = new byte[(int) length];
        int done = 0;
        while (done < body.length) {
            if (position == limit && !fill()) {
                throw new EOFException("the connection closed after " + done + " of " + length + " body bytes");
            }
            int n = Math.min(limit - position, body.length - done);
            System.arraycopy(buffer, position, body, done, n);
            position += n;
            done += n;
        }
        return body;
    }

    /** The declared Content-Length, 0 when there is none; a malformed one is refused. */
    static long declaredLength(Head head) throws BadRequest {
        String declared = head.header("content-length");
        if (declared == null) {
            return 0;
        }
        try {
            long length = Long.parseLong(declared);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "Bad Content-Length: " + abbreviated(declared));
        }
    }

    private byte[] readChunked(int maxBytes) throws IOException, BadRequest {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(MAX_CHUNK_LINE_BYTES, false);
            int extension = line.indexOf(';');
            String hex = (extension >= 0 ? line.substring(0, extension) : line).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "Bad chunk size: " + abbreviated(line));
            }
            if (size < 0 || body.size() + size > maxBytes) {
                throw new BadRequest(413, "the body is longer");
            }
            if (size == 0) {
                while (!readLine(MAX_LINE_BYTES, false).isEmpty()) {
                    // trailer fields: none is used
                }
                return body.toByteArray();
            }
            for (long left = size; left > 0; ) {
                if (position == limit && !fill()) {
                    throw new EOFException("the connection closed inside a chunk");
                }
                int n = (int) Math.min(limit - position, left);
                body.write(buffer, position, n);
                position += n;
                left -= n;
            }
            if (!readLine(2, false).isEmpty()) {
                throw new BadRequest(400, "A chunk is longer than its size says");
            }
        }
    }

    /**
     * One line without its CRLF (a bare LF is taken too). At the end of the stream: null if {@code eofAllowed} and
     * nothing of the line was read, else an EOFException.
     */
    private String readLine(int maxBytes, boolean eofAllowed) throws IOException, BadRequest {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (position == limit && !fill()) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection closed inside a line");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= maxBytes) {
                throw new BadRequest(431, "A request line or header line is longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
    }

    /** Reads more bytes within what is left of the deadline; false at the end of the stream. */
    private boolean fill() throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new Expired(readSinceStart > 0);
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (SocketTimeoutException e) {
            throw new Expired(readSinceStart > 0);
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        readSinceStart += n;
        return true;
    }

    /** Text of the client's echoed in an error: printable ASCII, cut short. */
    private static String abbreviated(String s) {
        final int max = 100;
        String cut = s.length() <= max ? s : s.substring(0, max) + "...";
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
