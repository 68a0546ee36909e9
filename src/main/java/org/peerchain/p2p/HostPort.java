package org.peerchain.p2p;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A {@code HOST:PORT} given on the command line or in settings ({@code [v6]:PORT} for IPv6 literals). */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host);
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
    }

    /**
     * Parses {@code HOST:PORT}; a bare {@code HOST} gets {@code defaultPort}.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static HostPort parse(String text, int defaultPort) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("expected HOST:PORT, got an empty value");
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("'" + s + "': missing ']' after an IPv6 address");
            }
            host = s.substring(1, end);
            if (end + 1 < s.length()) {
                if (s.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("'" + s + "': expected ':' after ']'");
                }
                port = s.substring(end + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + s + "': write an IPv6 address as [ADDRESS]:PORT");
            }
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "': port '" + port + "' is not a number");
            }
        }
        try {
            return new HostPort(host, p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "': " + e.getMessage());
        }
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
