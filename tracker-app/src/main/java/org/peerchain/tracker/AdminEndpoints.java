package org.peerchain.tracker;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless administration on the status port: {@code POST /ban}, {@code POST /unban},
 * {@code POST /kick} and {@code GET /bans}. Parameters come in the query string or as a form body
 * ({@code curl -d}). A request is obeyed only when it carries the {@link AdminCookie} (HTTP Basic), so a
 * reverse proxy on the same machine does not hand the actions to whoever reaches it; and, as a second wall,
 * only from this machine (a loopback address) whatever address the status port is bound to, and never with
 * an {@code Origin} header or a {@code Host} other than a loopback name ({@link LoopbackHost}), so a web page
 * open in a browser on the same machine cannot ban anyone.
 */
final class AdminEndpoints {
    /** A form body is read up to this size; a longer one gets 413. */
    static final int MAX_BODY_BYTES = 4 * 1024;
    static final int MAX_REASON_LENGTH = 200;
    static final int MAX_ADDRESS_LENGTH = 64;
    static final String DEFAULT_BAN_REASON = "banned through the status port";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    static final String AUTH_CHALLENGE = "Basic realm=\"peerchain-tracker\"";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Logger log = LoggerFactory.getLogger(AdminEndpoints.class);

    private final Tracker tracker;
    private final AdminCookie cookie;

    private AdminEndpoints(Tracker tracker, AdminCookie cookie) {
        this.tracker = tracker;
        this.cookie = cookie;
    }

    static void install(HttpServer http, Tracker tracker, AdminCookie cookie) {
        AdminEndpoints a = new AdminEndpoints(tracker, cookie);
        a.add(http, "/ban", "POST", a::ban);
        a.add(http, "/unban", "POST", a::unban);
        a.add(http, "/kick", "POST", a::kick);
        a.add(http, "/bans", "GET", p -> new Reply(200, a.bans()));
    }

    private void add(HttpServer http, String path, String method, Action action) {
        http.createContext(path, ex -> serve(ex, path, method, action));
    }

    /** A refusal with its HTTP status and a message saying what is wrong. */
    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private record Reply(int status, JsonObject body) {
    }

    private interface Action {
        Reply run(Map<String, String> params) throws Refusal, IOException;
    }

    private void serve(HttpExchange ex, String path, String method, Action action) throws IOException {
        try (ex) {
            Reply reply;
            try {
                checkCaller(ex);
                if (!path.equals(ex.getRequestURI().getPath())) {
                    throw new Refusal(404, "no such path: " + ex.getRequestURI().getPath());
                }
                if (!method.equals(ex.getRequestMethod())) {
                    ex.getResponseHeaders().set("Allow", method);
                    throw new Refusal(405, ex.getRequestURI().getPath() + " takes " + method + ", not " + ex.getRequestMethod());
                }
                reply = action.run(params(ex));
            } catch (Refusal r) {
                JsonObject o = new JsonObject();
                o.addProperty("error", r.getMessage());
                reply = new Reply(r.status, o);
            } catch (IOException e) {
                JsonObject o = new JsonObject();
                o.addProperty("error", e.getMessage());
                reply = new Reply(500, o);
            }
            byte[] bytes = reply.body().toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", JSON);
            ex.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void checkCaller(HttpExchange ex) throws Refusal {
        InetAddress from = ex.getRemoteAddress().getAddress();
        if (!from.isLoopbackAddress()) {
            throw new Refusal(403, "admin actions are accepted only from this machine (a loopback address), not from "
                    + from.getHostAddress());
        }
        if (ex.getRequestHeaders().containsKey("Origin")) {
            throw new Refusal(403, "admin actions are not accepted from web pages (the request has an Origin header)");
        }
        String wrongHost = LoopbackHost.refusal(ex);
        if (wrongHost != null) {
            throw new Refusal(403, wrongHost);
        }
        if (!cookie.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().set("WWW-Authenticate", AUTH_CHALLENGE);
            throw new Refusal(401, "admin actions need the tracker's admin cookie as HTTP Basic credentials: the user and"
                    + " password in " + cookie.file() + " (curl --user \"$(cat " + cookie.file() + ")\")");
        }
    }

    private Reply ban(Map<String, String> p) throws Refusal, IOException {
        String address = address(p);
        String reason = p.getOrDefault("reason", "").strip();
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new Refusal(400, "reason is " + reason.length() + " characters; at most " + MAX_REASON_LENGTH);
        }
        if (reason.isEmpty()) {
            reason = DEFAULT_BAN_REASON;
        }
        int removed = tracker.ban(address, reason);
        log.info("banned {} through the status port ({}), removed {} peer(s)", address, reason, removed);
        JsonObject o = new JsonObject();
        o.addProperty("banned", address);
        o.addProperty("reason", reason);
        o.addProperty("removedPeers", removed);
        return new Reply(200, o);
    }

    private Reply unban(Map<String, String> p) throws Refusal, IOException {
        String address = address(p);
        if (!tracker.unban(address)) {
            throw new Refusal(404, address + " is not banned");
        }
        log.info("unbanned {} through the status port", address);
        JsonObject o = new JsonObject();
        o.addProperty("unbanned", address);
        return new Reply(200, o);
    }

    private Reply kick(Map<String, String> p) throws Refusal {
        String address = address(p);
        int port = port(p);
        String network = p.get("network");
        List<PeerKey> matching = new ArrayList<>();
        for (PeerKey k : tracker.registry().keysOf(address)) {
            if (k.port() == port && (network == null || network.equals(k.network()))) {
                matching.add(k);
            }
        }
        JsonArray kicked = new JsonArray();
        for (PeerKey k : matching) {
            if (tracker.kick(k)) {
                kicked.add(k.toString());
            }
        }
        if (kicked.isEmpty()) {
            throw new Refusal(404, "no registered peer at " + new PeerKey(network == null ? "*" : network, address, port));
        }
        log.info("kicked {} through the status port", kicked);
        JsonObject o = new JsonObject();
        o.add("kicked", kicked);
        return new Reply(200, o);
    }

    private JsonObject bans() {
        JsonArray a = new JsonArray();
        tracker.registry().bans().forEach((address, reason) -> {
            JsonObject b = new JsonObject();
            b.addProperty("address", address);
            b.addProperty("reason", reason);
            a.add(b);
        });
        JsonObject o = new JsonObject();
        o.addProperty("count", a.size());
        o.add("bans", a);
        return o;
    }

    private static String address(Map<String, String> p) throws Refusal {
        try {
            return literalAddress(p.get("ip"));
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, e.getMessage());
        }
    }

    private static int port(Map<String, String> p) throws Refusal {
        String text = p.get("port");
        if (text == null || text.isBlank()) {
            throw new Refusal(400, "missing parameter \"port\" (the peer's listen port)");
        }
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new Refusal(400, "port \"" + text + "\" is not a port number (1-65535)");
    }

    /**
     * The address as the tracker records observed addresses ({@link InetAddress#getHostAddress()}),
     * from a literal IPv4 or IPv6 address; never a host name, so nothing is looked up.
     */
    static String literalAddress(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing parameter \"ip\"");
        }
        String t = text.strip();
        boolean v4 = t.length() <= MAX_ADDRESS_LENGTH && IPV4.matcher(t).matches() && octetsInRange(t);
        boolean v6 = t.length() <= MAX_ADDRESS_LENGTH && t.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(t).matches();
        if (v4 || v6) {
            try {
                return InetAddress.getByName(t).getHostAddress();
            } catch (UnknownHostException e) {
                // said below
            }
        }
        String shown = t.length() > MAX_ADDRESS_LENGTH ? t.substring(0, MAX_ADDRESS_LENGTH) + "..." : t;
        throw new IllegalArgumentException("\"" + shown + "\" is not an IP address (give a literal IPv4 or IPv6 address, not a host name)");
    }

    private static boolean octetsInRange(String dotted) {
        for (String part : dotted.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> params(HttpExchange ex) throws IOException, Refusal {
        Map<String, String> out = new HashMap<>();
        parseInto(ex.getRequestURI().getRawQuery(), out);
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase().startsWith(FORM)) {
            parseInto(readBody(ex.getRequestBody()), out);
        }
        return out;
    }

    private static String readBody(InputStream in) throws IOException, Refusal {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            body.write(buf, 0, n);
            if (body.size() > MAX_BODY_BYTES) {
                throw new Refusal(413, "form body is over " + MAX_BODY_BYTES + " bytes");
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static void parseInto(String encoded, Map<String, String> out) throws Refusal {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(name, value);
            } catch (IllegalArgumentException e) {
                throw new Refusal(400, "badly encoded parameter \"" + pair + "\": " + e.getMessage());
            }
        }
    }
}
