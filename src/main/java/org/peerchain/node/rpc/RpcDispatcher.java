package org.peerchain.node.rpc;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC dialect of bitcoind, independent of HTTP: a request body in, a status and a reply out.
 * <ul>
 * <li>{@code "jsonrpc": "2.0"}: a reply with {@code result} or {@code error}, always HTTP 200; a
 * notification (no {@code id}) is executed and gets no reply (204).</li>
 * <li>no {@code jsonrpc} or {@code "1.0"}: bitcoind's legacy reply with {@code result}, {@code error}
 * and {@code id} all present; an error comes with HTTP 500, or 404 for an unknown method and 400 for
 * an invalid request.</li>
 * <li>a batch (array) always gets 200 and an array of the replies of its non-notifications, or 204 if
 * all were notifications; an empty batch is an invalid request.</li>
 * </ul>
 * Ids are echoed exactly: numbers keep their JSON text, so 2^64 comes back as 2^64.
 */
final class RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

    static final int HTTP_OK = 200;
    static final int HTTP_NO_CONTENT = 204;
    static final int HTTP_BAD_REQUEST = 400;
    static final int HTTP_NOT_FOUND = 404;
    static final int HTTP_INTERNAL_SERVER_ERROR = 500;

    /** What goes back over HTTP: a status and a JSON body, or no body at all (204). */
    record Reply(int status, Optional<String> body) {
    }

    private enum Version { LEGACY, V2 }

    /** A parsed request object. {@code id} is empty when the request had no id member. */
    private record Request(Version version, Optional<JsonElement> id, String method, JsonElement params) {
        boolean isNotification() {
            return version == Version.V2 && id.isEmpty();
        }
    }

    /** A request object that could not be parsed, with what was learnt of it before the fault. */
    private static final class InvalidRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Version version;
        final transient Optional<JsonElement> id;

        InvalidRequest(Version version, Optional<JsonElement> id, String message) {
            super(message);
            this.version = version;
            this.id = id;
        }
    }

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final TypeAdapter<JsonElement> ELEMENT = GSON.getAdapter(JsonElement.class);

    private final RpcMethods methods;
    private final Supplier<String> warmupStatus;

    RpcDispatcher(RpcMethods methods, Supplier<String> warmupStatus) {
        this.methods = methods;
        this.warmupStatus = warmupStatus;
    }

    Reply handle(byte[] body) {
        JsonElement top;
        try {
            top = parseStrict(body);
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return legacyError(new RpcException(RpcErrors.PARSE_ERROR, "Parse error: " + parseProblem(e)), Optional.empty());
        }
        if (top.isJsonObject()) {
            return single(top.getAsJsonObject());
        }
        if (top.isJsonArray()) {
            return batch(top.getAsJsonArray());
        }
        return legacyError(new RpcException(RpcErrors.PARSE_ERROR,
                "Top-level object parse error: a request is a JSON object or an array of them, got " + RpcParams.typeOf(top)),
                Optional.empty());
    }

    private Reply single(JsonObject o) {
        Request r;
        try {
            r = parse(o);
        } catch (InvalidRequest e) {
            RpcException err = new RpcException(RpcErrors.INVALID_REQUEST, e.getMessage());
            return e.version == Version.V2 ? ok(replyObject(Version.V2, null, err, e.id)) : legacyError(err, e.id);
        }
        if (r.version() == Version.V2) {
            JsonObject reply = executeCatching(r);
            return r.isNotification() ? new Reply(HTTP_NO_CONTENT, Optional.empty()) : ok(reply);
        }
        try {
            return ok(replyObject(Version.LEGACY, execute(r), null, r.id()));
        } catch (RpcException e) {
            return legacyError(e, r.id());
        }
    }

    private Reply batch(JsonArray requests) {
        if (requests.isEmpty()) {
            return ok(replyObject(Version.V2, null,
                    new RpcException(RpcErrors.INVALID_REQUEST, "Invalid Request: empty batch"), Optional.of(JsonNull.INSTANCE)));
        }
        JsonArray replies = new JsonArray();
        for (JsonElement e : requests) {
            if (!e.isJsonObject()) {
                replies.add(replyObject(Version.V2, null, new RpcException(RpcErrors.INVALID_REQUEST,
                        "Invalid Request: a batch entry must be an object, got " + RpcParams.typeOf(e)), Optional.of(JsonNull.INSTANCE)));
                continue;
            }
            try {
                Request r = parse(e.getAsJsonObject());
                JsonObject reply = executeCatching(r);
                if (!r.isNotification()) {
                    replies.add(reply);
                }
            } catch (InvalidRequest ex) {
                replies.add(replyObject(ex.version, null, new RpcException(RpcErrors.INVALID_REQUEST, ex.getMessage()), ex.id));
            }
        }
        return replies.isEmpty() ? new Reply(HTTP_NO_CONTENT, Optional.empty()) : ok(replies);
    }

    private static Request parse(JsonObject o) throws InvalidRequest {
        Optional<JsonElement> id = o.has("id") ? Optional.of(o.get("id")) : Optional.empty();
        Version version = Version.LEGACY;
        JsonElement v = o.get("jsonrpc");
        if (v != null && !v.isJsonNull()) {
            if (!(v instanceof JsonPrimitive p && p.isString())) {
                throw new InvalidRequest(version, id, "jsonrpc field must be a string");
            }
            switch (p.getAsString()) {
                case "1.0" -> version = Version.LEGACY;
                case "2.0" -> version = Version.V2;
                default -> throw new InvalidRequest(version, id, "JSON-RPC version not supported: " + p.getAsString());
            }
        }
        JsonElement m = o.get("method");
        if (m == null || m.isJsonNull()) {
            throw new InvalidRequest(version, id, "Missing method");
        }
        if (!(m instanceof JsonPrimitive mp && mp.isString())) {
            throw new InvalidRequest(version, id, "Method must be a string");
        }
        JsonElement params = o.get("params");
        if (params != null && !params.isJsonNull() && !params.isJsonArray() && !params.isJsonObject()) {
            throw new InvalidRequest(version, id, "Params must be an array or object");
        }
        return new Request(version, id, mp.getAsString(), params);
    }

    /** Executes and turns any failure into an error reply, as bitcoind does for 2.0 requests and batches. */
    private JsonObject executeCatching(Request r) {
        try {
            return replyObject(r.version(), execute(r), null, r.id());
        } catch (RpcException e) {
            return replyObject(r.version(), null, e, r.id());
        }
    }

    private JsonElement execute(Request r) throws RpcException {
        String warmup = warmupStatus.get();
        if (warmup != null) {
            throw new RpcException(RpcErrors.IN_WARMUP, warmup);
        }
        RpcMethods.Method m = methods.find(r.method())
                .orElseThrow(() -> new RpcException(RpcErrors.METHOD_NOT_FOUND, "Method not found: " + r.method()));
        RpcParams params = RpcMethods.bind(m, r.params());
        try {
            JsonElement result = m.handler().handle(params);
            return result == null ? JsonNull.INSTANCE : result;
        } catch (RpcException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug in a handler: bitcoind answers std::exception with RPC_MISC_ERROR and its text.
            LOG.error("RPC method {} failed", r.method(), e);
            throw new RpcException(RpcErrors.MISC_ERROR, r.method() + " failed: " + describe(e));
        } catch (VirtualMachineError e) {
            // out of memory is the node's own failure: the process's policy stops it (see node.FatalErrors)
            throw e;
        } catch (Error e) {
            LOG.error("RPC method {} failed with an internal error", r.method(), e);
            throw new RpcException(RpcErrors.INTERNAL_ERROR, "Internal error in " + r.method() + ": " + describe(e));
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static JsonObject replyObject(Version version, JsonElement result, RpcException error, Optional<JsonElement> id) {
        JsonObject reply = new JsonObject();
        if (version == Version.V2) {
            reply.addProperty("jsonrpc", "2.0");
            if (error != null) {
                reply.add("error", errorObject(error));
            } else {
                reply.add("result", result);
            }
            // A 2.0 reply to a request whose id could not be read carries a null id (spec, section 5).
            reply.add("id", id.orElse(JsonNull.INSTANCE));
        } else {
            reply.add("result", error == null ? result : JsonNull.INSTANCE);
            reply.add("error", error == null ? JsonNull.INSTANCE : errorObject(error));
            reply.add("id", id.orElse(JsonNull.INSTANCE));
        }
        return reply;
    }

    private static JsonObject errorObject(RpcException e) {
        JsonObject err = new JsonObject();
        err.addProperty("code", e.code());
        err.addProperty("message", e.getMessage());
        return err;
    }

    private static Reply legacyError(RpcException e, Optional<JsonElement> id) {
        int status = switch (e.code()) {
            case RpcErrors.INVALID_REQUEST -> HTTP_BAD_REQUEST;
            case RpcErrors.METHOD_NOT_FOUND -> HTTP_NOT_FOUND;
            default -> HTTP_INTERNAL_SERVER_ERROR;
        };
        return new Reply(status, Optional.of(write(replyObject(Version.LEGACY, null, e, id))));
    }

    private static Reply ok(JsonElement reply) {
        return new Reply(HTTP_OK, Optional.of(write(reply)));
    }

    private static String write(JsonElement e) {
        return GSON.toJson(e) + "\n";
    }

    /** Strict RFC 8259 JSON in valid UTF-8, one value and nothing after it. */
    /**
     * What is wrong with a body that is not JSON, in words: Gson's message names its own API ("Use
     * JsonReader.setStrictness...") and a help link; only where it stopped is of use to a client.
     */
    static String parseProblem(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof IOException && !(e instanceof com.google.gson.stream.MalformedJsonException)
                && !m.contains("JsonReader")) {
            return m;
        }
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)").matcher(m);
        return "the request body is not valid JSON" + (at.find() ? " (at line " + at.group(1) + ", column "
                + at.group(2) + ")" : "");
    }

    static JsonElement parseStrict(byte[] body) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the body is not valid UTF-8", e);
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement e = ELEMENT.read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new IOException("unexpected data after the JSON value at " + reader.getPath());
        }
        return e;
    }
}
