package org.peerchain.ui.settings;

import java.util.regex.Pattern;

/**
 * A tracker's or peer's address as a person types it in the settings: {@code host:port}, {@code [v6 address]:port},
 * or a host alone for the default port. Read here so that a typo is refused next to the field, in words, before it
 * reaches the settings file or the node.
 */
public record NetworkAddress(String host, int port) {
    public static final int MIN_PORT = 1;
    /** A host name (RFC 1123 labels) or an IPv4 address. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final String EXAMPLE = "for example 192.0.2.1:7300 or tracker.example.org:7300";

    /**
     * Reads {@code text}; a host without a port gets {@code defaultPort}.
     *
     * @throws IllegalArgumentException saying what is wrong, in words
     */
    public static NetworkAddress parse(String text, int defaultPort) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Write an address as host:port, " + EXAMPLE + ".");
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("'" + s + "' opens an IPv6 address with '[' but never closes it with ']'.");
            }
            host = s.substring(1, end);
            if (end + 1 < s.length()) {
                if (s.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("'" + s + "': after ']' comes ':' and the port.");
                }
                port = s.substring(end + 2);
            }
            if (!IPV6_LITERAL.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv6 address.");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + s + "': write an IPv6 address in brackets, as [2001:db8::1]:7300.");
            }
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("'" + s + "' has a port but no host before the ':'.");
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + host + "' is not a host name or IP address (letters, digits,"
                        + " dots and dashes, " + EXAMPLE + ").");
            }
        }
        int p = defaultPort;
        if (port != null) {
            if (port.isEmpty()) {
                throw new IllegalArgumentException("'" + s + "' ends with ':' but gives no port.");
            }
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The port '" + port + "' in '" + s + "' is not a number.");
            }
        }
        if (p < MIN_PORT || p > AppSettings.MAX_PORT) {
            throw new IllegalArgumentException("The port " + p + " in '" + s + "' is outside " + MIN_PORT + " to "
                    + AppSettings.MAX_PORT + ".");
        }
        return new NetworkAddress(host, p);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
