package org.peerchain.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON form of the value types, used on the wire and in RPC. Hashes and byte strings are hex;
 * amounts are integer base units. Reading checks every field and fails with a {@link DecodingException}
 * naming the first one that is wrong; a {@code hash} or {@code txid} given alongside the contents must
 * match them.
 */
public final class CoreJson {
    private static final HexFormat HEX = HexFormat.of();
    private static final Gson GSON = register(new GsonBuilder()).disableHtmlEscaping().create();

    private CoreJson() {
    }

    public static Gson gson() {
        return GSON;
    }

    /** Adds the value-type adapters to a builder, for code that needs its own Gson settings. */
    public static GsonBuilder register(GsonBuilder b) {
        return b.registerTypeAdapter(Hash.class, new HashAdapter())
                .registerTypeAdapter(KeyHash.class, new KeyHashAdapter())
                .registerTypeAdapter(Transaction.class, new TransactionAdapter())
                .registerTypeAdapter(BlockHeader.class, new HeaderAdapter())
                .registerTypeAdapter(Block.class, new BlockAdapter());
    }

    public static JsonObject toJson(Transaction tx) {
        return TransactionAdapter.write(tx);
    }

    public static Transaction transactionFromJson(JsonElement e) {
        return decode(() -> TransactionAdapter.read(e, "transaction"));
    }

    public static JsonObject toJson(BlockHeader h) {
        return HeaderAdapter.write(h);
    }

    public static BlockHeader headerFromJson(JsonElement e) {
        return decode(() -> HeaderAdapter.read(e, "header"));
    }

    public static JsonObject toJson(Block b) {
        return BlockAdapter.write(b);
    }

    public static Block blockFromJson(JsonElement e) {
        return decode(() -> BlockAdapter.read(e));
    }

    private interface Reader<T> {
        T read();
    }

    private static <T> T decode(Reader<T> r) {
        try {
            return r.read();
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new DecodingException(e.getMessage(), e);
        }
    }

    // --- field readers: each names the field it failed on ---

    static JsonObject object(JsonElement e, String what) {
        if (e == null || !e.isJsonObject()) {
            throw new DecodingException(what + ": expected a JSON object");
        }
        return e.getAsJsonObject();
    }

    static JsonElement field(JsonObject o, String name, String what) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new DecodingException(what + "." + name + ": missing");
        }
        return e;
    }

    static long integer(JsonObject o, String name, String what, long min, long max) {
        JsonElement e = field(o, name, what);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new DecodingException(what + "." + name + ": expected a number");
        }
        long v;
        try {
            v = e.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw new DecodingException(what + "." + name + ": expected a whole number in range");
        }
        if (v < min || v > max) {
            throw new DecodingException(what + "." + name + ": " + v + " is out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    static byte[] hex(JsonObject o, String name, String what, int maxBytes) {
        JsonElement e = field(o, name, what);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new DecodingException(what + "." + name + ": expected a hex string");
        }
        String s = e.getAsString();
        if (s.length() > maxBytes * 2) {
            throw new DecodingException(what + "." + name + ": longer than " + maxBytes + " bytes");
        }
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException ex) {
            throw new DecodingException(what + "." + name + ": not valid hex");
        }
    }

    static Hash hash(JsonObject o, String name, String what) {
        byte[] b = hex(o, name, what, Hash.LENGTH);
        if (b.length != Hash.LENGTH) {
            throw new DecodingException(what + "." + name + ": a hash is 64 hex digits");
        }
        return Hash.wrap(b);
    }

    static JsonArray array(JsonObject o, String name, String what, int max) {
        JsonElement e = field(o, name, what);
        if (!e.isJsonArray()) {
            throw new DecodingException(what + "." + name + ": expected an array");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() > max) {
            throw new DecodingException(what + "." + name + ": " + a.size() + " entries is over the limit of " + max);
        }
        return a;
    }

    private static final class HashAdapter implements JsonSerializer<Hash>, JsonDeserializer<Hash> {
        @Override
        public JsonElement serialize(Hash src, Type t, JsonSerializationContext c) {
            return new JsonPrimitive(src.toHex());
        }

        @Override
        public Hash deserialize(JsonElement json, Type t, JsonDeserializationContext c) {
            try {
                return Hash.fromHex(json.getAsString());
            } catch (RuntimeException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
        }
    }

    private static final class KeyHashAdapter implements JsonSerializer<KeyHash>, JsonDeserializer<KeyHash> {
        @Override
        public JsonElement serialize(KeyHash src, Type t, JsonSerializationContext c) {
            return new JsonPrimitive(src.toHex());
        }

        @Override
        public KeyHash deserialize(JsonElement json, Type t, JsonDeserializationContext c) {
            try {
                return KeyHash.fromHex(json.getAsString());
            } catch (RuntimeException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
        }
    }

    private static final class TransactionAdapter
            implements JsonSerializer<Transaction>, JsonDeserializer<Transaction> {
        static JsonObject write(Transaction tx) {
            JsonObject o = new JsonObject();
            o.addProperty("txid", tx.txid().toHex());
            o.addProperty("version", tx.version());
            JsonArray ins = new JsonArray();
            for (TxInput in : tx.inputs()) {
                JsonObject i = new JsonObject();
                i.addProperty("txid", in.prevout().txid().toHex());
                i.addProperty("vout", in.prevout().index());
                i.addProperty("pubkey", HEX.formatHex(in.publicKey()));
                i.addProperty("signature", HEX.formatHex(in.signature()));
                ins.add(i);
            }
            o.add("inputs", ins);
            JsonArray outs = new JsonArray();
            for (TxOutput out : tx.outputs()) {
                JsonObject j = new JsonObject();
                j.addProperty("amount", out.amount());
                j.addProperty("keyhash", out.keyHash().toHex());
                outs.add(j);
            }
            o.add("outputs", outs);
            return o;
        }

        static Transaction read(JsonElement e, String what) {
            JsonObject o = object(e, what);
            int version = (int) integer(o, "version", what, Integer.MIN_VALUE, Integer.MAX_VALUE);
            JsonArray insJson = array(o, "inputs", what, Transaction.MAX_ENCODED_SIZE / 38);
            List<TxInput> ins = new ArrayList<>(insJson.size());
            for (int n = 0; n < insJson.size(); n++) {
                String w = what + ".inputs[" + n + "]";
                JsonObject i = object(insJson.get(n), w);
                OutPoint prev = new OutPoint(hash(i, "txid", w), integer(i, "vout", w, 0, 0xFFFFFFFFL));
                ins.add(new TxInput(prev, hex(i, "pubkey", w, Transaction.MAX_PUBLIC_KEY_FIELD),
                        hex(i, "signature", w, Transaction.MAX_SIGNATURE_FIELD)));
            }
            JsonArray outsJson = array(o, "outputs", what, Transaction.MAX_ENCODED_SIZE / 28);
            List<TxOutput> outs = new ArrayList<>(outsJson.size());
            for (int n = 0; n < outsJson.size(); n++) {
                String w = what + ".outputs[" + n + "]";
                JsonObject j = object(outsJson.get(n), w);
                byte[] kh = hex(j, "keyhash", w, KeyHash.LENGTH);
                if (kh.length != KeyHash.LENGTH) {
                    throw new DecodingException(w + ".keyhash: a key hash is 40 hex digits");
                }
                outs.add(new TxOutput(integer(j, "amount", w, Long.MIN_VALUE, Long.MAX_VALUE), KeyHash.wrap(kh)));
            }
            Transaction tx = new Transaction(version, ins, outs);
            if (o.has("txid") && !hash(o, "txid", what).equals(tx.txid())) {
                throw new DecodingException(what + ".txid: does not match the transaction's contents");
            }
            return tx;
        }

        @Override
        public JsonElement serialize(Transaction src, Type t, JsonSerializationContext c) {
            return write(src);
        }

        @Override
        public Transaction deserialize(JsonElement json, Type t, JsonDeserializationContext c) {
            try {
                return read(json, "transaction");
            } catch (RuntimeException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
        }
    }

    private static final class HeaderAdapter implements JsonSerializer<BlockHeader>, JsonDeserializer<BlockHeader> {
        static JsonObject write(BlockHeader h) {
            JsonObject o = new JsonObject();
            o.addProperty("hash", h.hash().toHex());
            o.addProperty("version", h.version());
            o.addProperty("prev", h.prevHash().toHex());
            o.addProperty("merkleroot", h.merkleRoot().toHex());
            o.addProperty("time", h.time());
            o.addProperty("bits", h.bits());
            o.addProperty("nonce", h.nonce());
            return o;
        }

        static BlockHeader read(JsonElement e, String what) {
            JsonObject o = object(e, what);
            BlockHeader h = new BlockHeader(
                    (int) integer(o, "version", what, Integer.MIN_VALUE, Integer.MAX_VALUE),
                    hash(o, "prev", what), hash(o, "merkleroot", what),
                    integer(o, "time", what, 0, 0xFFFFFFFFL), integer(o, "bits", what, 0, 0xFFFFFFFFL),
                    integer(o, "nonce", what, 0, 0xFFFFFFFFL));
            if (o.has("hash") && !hash(o, "hash", what).equals(h.hash())) {
                throw new DecodingException(what + ".hash: does not match the header's contents");
            }
            return h;
        }

        @Override
        public JsonElement serialize(BlockHeader src, Type t, JsonSerializationContext c) {
            return write(src);
        }

        @Override
        public BlockHeader deserialize(JsonElement json, Type t, JsonDeserializationContext c) {
            try {
                return read(json, "header");
            } catch (RuntimeException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
        }
    }

    private static final class BlockAdapter implements JsonSerializer<Block>, JsonDeserializer<Block> {
        static JsonObject write(Block b) {
            JsonObject o = new JsonObject();
            o.add("header", HeaderAdapter.write(b.header()));
            JsonArray txs = new JsonArray();
            for (Transaction tx : b.transactions()) {
                txs.add(TransactionAdapter.write(tx));
            }
            o.add("transactions", txs);
            return o;
        }

        static Block read(JsonElement e) {
            JsonObject o = object(e, "block");
            BlockHeader h = HeaderAdapter.read(field(o, "header", "block"), "block.header");
            JsonArray a = array(o, "transactions", "block", Block.MAX_ENCODED_SIZE / 10);
            List<Transaction> txs = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                txs.add(TransactionAdapter.read(a.get(i), "block.transactions[" + i + "]"));
            }
            return new Block(h, txs);
        }

        @Override
        public JsonElement serialize(Block src, Type t, JsonSerializationContext c) {
            return write(src);
        }

        @Override
        public Block deserialize(JsonElement json, Type t, JsonDeserializationContext c) {
            try {
                return read(json);
            } catch (RuntimeException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
        }
    }
}
