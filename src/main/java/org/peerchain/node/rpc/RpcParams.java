package org.peerchain.node.rpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;
import org.peerchain.core.Hash;

/**
 * The parameters of one call, positional (named ones are already mapped to their positions; a position
 * left out is JSON null). Each accessor checks the type and fails as bitcoind does: a missing required
 * parameter with {@link RpcErrors#MISC_ERROR} and the usage, a wrong JSON type with
 * {@link RpcErrors#TYPE_ERROR}, a right type with a bad value with {@link RpcErrors#INVALID_PARAMETER};
 * every message names the parameter.
 */
public final class RpcParams {
    private final String method;
    private final List<String> names;
    private final List<JsonElement> values;

    RpcParams(String method, List<String> names, List<JsonElement> values) {
        this.method = method;
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
    }

    /** For tests and for code that calls a handler directly. */
    public static RpcParams of(String method, List<String> names, JsonElement... values) {
        return new RpcParams(method, names, List.of(values));
    }

    public String method() {
        return method;
    }

    public int size() {
        return values.size();
    }

    /** True when position {@code i} was given and is not JSON null. */
    public boolean has(int i) {
        return i >= 0 && i < values.size() && !values.get(i).isJsonNull();
    }

    /** The raw value at {@code i}, or JSON null when it was not given. */
    public JsonElement get(int i) {
        return i >= 0 && i < values.size() ? values.get(i) : JsonNull.INSTANCE;
    }

    public long requireLong(int i, String name) throws RpcException {
        return integer(require(i, name), i, name, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public int requireInt(int i, String name) throws RpcException {
        return (int) integer(require(i, name), i, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long optionalLong(int i, String name, long def) throws RpcException {
        return has(i) ? integer(get(i), i, name, Long.MIN_VALUE, Long.MAX_VALUE) : def;
    }

    public int optionalInt(int i, String name, int def) throws RpcException {
        return has(i) ? (int) integer(get(i), i, name, Integer.MIN_VALUE, Integer.MAX_VALUE) : def;
    }

    public String requireString(int i, String name) throws RpcException {
        return string(require(i, name), i, name);
    }

    public String optionalString(int i, String name, String def) throws RpcException {
        return has(i) ? string(get(i), i, name) : def;
    }

    public boolean requireBoolean(int i, String name) throws RpcException {
        return bool(require(i, name), i, name);
    }

    public boolean optionalBoolean(int i, String name, boolean def) throws RpcException {
        return has(i) ? bool(get(i), i, name) : def;
    }

    /** A hash as 64 hex digits; a string of another shape is an invalid parameter, as in bitcoind. */
    public Hash requireHash(int i, String name) throws RpcException {
        String hex = requireString(i, name);
        try {
            return Hash.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, label(i, name) + " must be a hash of 64 hex digits: " + e.getMessage());
        }
    }

    private JsonElement require(int i, String name) throws RpcException {
        if (!has(i)) {
            throw new RpcException(RpcErrors.MISC_ERROR, "Missing required " + label(i, name) + ". Usage: " + usage());
        }
        return values.get(i);
    }

    private long integer(JsonElement e, int i, String name, long min, long max) throws RpcException {
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw wrongType(e, i, name, "number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(p.getAsString());
        } catch (NumberFormatException ex) {
            throw wrongType(e, i, name, "number");
        }
        try {
            long v = value.longValueExact();
            if (v < min || v > max) {
                throw new ArithmeticException("out of range");
            }
            return v;
        } catch (ArithmeticException ex) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER,
                    label(i, name) + " must be an integer from " + min + " to " + max + ", got " + p.getAsString());
        }
    }

    private String string(JsonElement e, int i, String name) throws RpcException {
        if (e instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw wrongType(e, i, name, "string");
    }

    private boolean bool(JsonElement e, int i, String name) throws RpcException {
        if (e instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        throw wrongType(e, i, name, "bool");
    }

    private RpcException wrongType(JsonElement e, int i, String name, String expected) {
        return new RpcException(RpcErrors.TYPE_ERROR,
                "Wrong type passed: " + label(i, name) + " must be of type " + expected + ", got " + typeOf(e));
    }

    public static String typeOf(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "object";
        }
        if (e.isJsonArray()) {
            return "array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? "bool" : p.isNumber() ? "number" : "string";
    }

    private static String label(int i, String name) {
        return "parameter " + (i + 1) + " (" + name + ")";
    }

    /** {@code getblock blockhash verbosity}: the method and its parameter names. */
    public String usage() {
        return names.isEmpty() ? method : method + " " + String.join(" ", names);
    }
}
