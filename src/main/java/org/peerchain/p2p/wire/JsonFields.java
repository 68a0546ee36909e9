package org.peerchain.p2p.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.regex.Pattern;

/** Field readers for message bodies; each failure names the message type and the field. */
final class JsonFields {
    private static final Pattern NETWORK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{8,64}");

    private final JsonObject o;
    private final String type;

    JsonFields(JsonObject o, String type) {
        this.o = o;
        this.type = type;
    }

    /** The message type (and path) these fields belong to, for error messages. */
    String type() {
        return type;
    }

    private FrameException bad(String field, String what) {
        return new FrameException(FrameException.BAD_FIELD, type + "." + field + ": " + what);
    }

    private JsonElement field(String name) throws FrameException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw bad(name, "missing");
        }
        return e;
    }

    /** As {@link #integer}, or {@code fallback} when absent. */
    long optionalInteger(String name, long min, long max, long fallback) throws FrameException {
        return o.has(name) && !o.get(name).isJsonNull() ? integer(name, min, max) : fallback;
    }

    long integer(String name, long min, long max) throws FrameException {
        JsonElement e = field(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw bad(name, "expected a number");
        }
        long v;
        try {
            v = e.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw bad(name, "expected a whole number in range");
        }
        if (v < min || v > max) {
            throw bad(name, v + " is out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    String string(String name, int maxLength) throws FrameException {
        JsonElement e = field(name);
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw bad(name, "expected a string");
        }
        String s = p.getAsString();
        if (s.length() > maxLength) {
            throw bad(name, "longer than " + maxLength + " characters");
        }
        return s;
    }

    String optionalString(String name, int maxLength, String fallback) throws FrameException {
        return o.has(name) && !o.get(name).isJsonNull() ? string(name, maxLength) : fallback;
    }

    String networkId(String name) throws FrameException {
        String s = string(name, 32);
        if (!NETWORK_ID.matcher(s).matches()) {
            throw bad(name, "a network id is 1-32 lower-case letters, digits or '-'");
        }
        return s;
    }

    String nodeId(String name) throws FrameException {
        String s = string(name, 64);
        if (!NODE_ID.matcher(s).matches()) {
            throw bad(name, "a node id is 8-64 lower-case hex digits");
        }
        return s;
    }

    String hex(String name) throws FrameException {
        String s = string(name, 128);
        if (s.isEmpty() || !lowerHex(s)) {
            throw bad(name, "expected 1-128 lower-case hex digits");
        }
        return s;
    }

    /** Exactly {@code digits} lower-case hex digits (a key, a challenge, a signature). */
    String hexOfLength(String name, int digits) throws FrameException {
        String s = string(name, digits);
        if (s.length() != digits || !lowerHex(s)) {
            throw bad(name, "expected " + digits + " lower-case hex digits");
        }
        return s;
    }

    /** Whether every character of {@code s} is a lower-case hex digit (the pattern's test, without a matcher). */
    private static boolean lowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * As {@link #hexOfLength}, or "" when absent: a side of an older protocol sends none, and is then refused for its
     * protocol version in words rather than for a missing field.
     */
    String optionalHexOfLength(String name, int digits) throws FrameException {
        return o.has(name) && !o.get(name).isJsonNull() ? hexOfLength(name, digits) : "";
    }

    JsonArray array(String name, int maxEntries) throws FrameException {
        JsonElement e = field(name);
        if (!e.isJsonArray()) {
            throw bad(name, "expected an array");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() > maxEntries) {
            throw bad(name, a.size() + " entries is over the limit of " + maxEntries);
        }
        return a;
    }

    JsonFields object(JsonElement e, String name) throws FrameException {
        if (!e.isJsonObject()) {
            throw bad(name, "expected an object");
        }
        return new JsonFields(e.getAsJsonObject(), type + "." + name);
    }

    static boolean isNodeId(String s) {
        return s != null && NODE_ID.matcher(s).matches();
    }

    static boolean isNetworkId(String s) {
        return s != null && NETWORK_ID.matcher(s).matches();
    }
}
