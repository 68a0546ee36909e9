package org.peerchain.tracker;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code Host} check of what only the tracker's operator may read or do on the status port. A web page
 * that rebinds its own name to 127.0.0.1 (DNS rebinding) reaches the port from the browser on this machine,
 * but its requests still name the page's host; requests naming this machine by a loopback name or literal
 * ({@value #NAMES_TEXT}, any port) are the operator's. This stops browsers only (any other client can write
 * any {@code Host}): the admin cookie and the loopback client address are the walls against the rest.
 */
final class LoopbackHost {
    static final List<String> NAMES = List.of("localhost", "127.0.0.1", "[::1]");
    static final String NAMES_TEXT = "localhost, 127.0.0.1 or [::1]";
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private LoopbackHost() {
    }

    /** Why the request is refused, or null when its one {@code Host} header names this machine's loopback. */
    static String refusal(HttpExchange ex) {
        List<String> hosts = ex.getRequestHeaders().get("Host");
        if (hosts == null || hosts.isEmpty()) {
            return "the request has no Host header; this path answers requests for " + NAMES_TEXT + " only";
        }
        if (hosts.size() > 1) {
            return "the request has " + hosts.size() + " Host headers; it may have one";
        }
        String host = hosts.get(0).strip();
        if (!isLoopback(host)) {
            return "Host \"" + shown(host) + "\" is not this machine's loopback: this path answers requests for "
                    + NAMES_TEXT + " only, so that a web page cannot read or act through a name it points here";
        }
        return null;
    }

    /** True for {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, with or without a port. */
    static boolean isLoopback(String host) {
        String name = host;
        int close = host.lastIndexOf(']');
        int colon = host.lastIndexOf(':');
        if (colon > close) {
            if (!PORT.matcher(host.substring(colon + 1)).matches()) {
                return false;
            }
            name = host.substring(0, colon);
        }
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static String shown(String host) {
        String printable = host.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > AdminEndpoints.MAX_ADDRESS_LENGTH
                ? printable.substring(0, AdminEndpoints.MAX_ADDRESS_LENGTH) + "..." : printable;
    }
}
