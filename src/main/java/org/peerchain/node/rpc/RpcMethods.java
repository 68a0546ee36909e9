package org.peerchain.node.rpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table of RPC methods. Each is registered with its parameter names in order (bitcoind's names),
 * which give the number of parameters it takes and map named parameters to positions.
 */
public final class RpcMethods {
    /** One registered method. */
    public record Method(String name, List<String> paramNames, RpcHandler handler) {
        public Method {
            paramNames = List.copyOf(paramNames);
        }
    }

    private final Map<String, Method> methods = new ConcurrentHashMap<>();

    public void register(String name, List<String> paramNames, RpcHandler handler) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an RPC method needs a name");
        }
        if (paramNames.stream().distinct().count() != paramNames.size()) {
            throw new IllegalArgumentException("parameter names of " + name + " repeat: " + paramNames);
        }
        Method m = new Method(name, paramNames, handler);
        if (methods.putIfAbsent(name, m) != null) {
            throw new IllegalArgumentException("RPC method " + name + " is already registered");
        }
    }

    public Optional<Method> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    public Set<String> names() {
        return new TreeSet<>(methods.keySet());
    }

    /**
     * Turns the request's params (an array, an object of named params, or absent) into positional
     * params, rejecting what bitcoind rejects: more positional params than the method takes, and a
     * named param the method does not know.
     */
    static RpcParams bind(Method m, JsonElement params) throws RpcException {
        List<JsonElement> positional = new ArrayList<>();
        if (params == null || params.isJsonNull()) {
            return new RpcParams(m.name(), m.paramNames(), positional);
        }
        if (params.isJsonArray()) {
            params.getAsJsonArray().forEach(positional::add);
            if (positional.size() > m.paramNames().size()) {
                throw new RpcException(RpcErrors.MISC_ERROR, m.name() + " takes at most " + m.paramNames().size()
                        + " parameter" + (m.paramNames().size() == 1 ? "" : "s") + ", got " + positional.size()
                        + ". Usage: " + new RpcParams(m.name(), m.paramNames(), List.of()).usage());
            }
            return new RpcParams(m.name(), m.paramNames(), positional);
        }
        JsonObject named = params.getAsJsonObject();
        for (String key : named.keySet()) {
            if (!m.paramNames().contains(key)) {
                throw new RpcException(RpcErrors.INVALID_PARAMETER, "Unknown named parameter " + key
                        + " (" + m.name() + " takes " + (m.paramNames().isEmpty() ? "none" : String.join(", ", m.paramNames())) + ")");
            }
        }
        int last = -1;
        for (int i = 0; i < m.paramNames().size(); i++) {
            if (named.has(m.paramNames().get(i))) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            JsonElement v = named.get(m.paramNames().get(i));
            positional.add(v == null ? JsonNull.INSTANCE : v);
        }
        return new RpcParams(m.name(), m.paramNames(), positional);
    }
}
