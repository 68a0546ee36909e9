package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JSON form used on the wire and in RPC: it round-trips, and a bad field is named. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class CoreJsonTest {

    private static JsonObject txJson() {
        return CoreJson.toJson(Samples.multiInput());
    }

    private static JsonObject input(JsonObject tx, int i) {
        return tx.getAsJsonArray("inputs").get(i).getAsJsonObject();
    }

    /** Breaks a copy of {@code json}, decodes it, and checks the message names {@code field}. */
    private static <T> void assertFieldNamed(String field, JsonObject json, Consumer<JsonObject> breakIt,
            Function<JsonElement, T> decode) {
        JsonObject copy = json.deepCopy();
        breakIt.accept(copy);
        DecodingException e = assertThrows(DecodingException.class, () -> decode.apply(copy));
        assertTrue(e.getMessage().startsWith(field + ":"), "expected the message to name " + field + ": " + e.getMessage());
    }

    @Test
    void transactionsRoundTripThroughJson() {
        for (Transaction tx : List.of(Samples.coinbase(7), Samples.multiInput())) {
            Transaction back = CoreJson.transactionFromJson(CoreJson.toJson(tx));
            assertArrayEquals(tx.serialize(), back.serialize());
            assertEquals(tx.txid().toHex(), CoreJson.toJson(tx).get("txid").getAsString());
        }
    }

    @Test
    void headersAndBlocksRoundTripThroughJson() {
        Block block = Samples.block();
        BlockHeader header = CoreJson.headerFromJson(CoreJson.toJson(block.header()));
        assertArrayEquals(block.header().serialize(), header.serialize());
        Block back = CoreJson.blockFromJson(CoreJson.toJson(block));
        assertArrayEquals(block.serialize(), back.serialize());
    }

    @Test
    void valueTypesRoundTripThroughTheSharedGson() {
        Block block = Samples.block();
        Transaction tx = Samples.multiInput();
        var gson = CoreJson.gson();
        assertArrayEquals(tx.serialize(), gson.fromJson(gson.toJson(tx), Transaction.class).serialize());
        assertArrayEquals(block.header().serialize(),
                gson.fromJson(gson.toJson(block.header()), BlockHeader.class).serialize());
        assertArrayEquals(block.serialize(), gson.fromJson(gson.toJson(block), Block.class).serialize());
        assertEquals(tx.txid(), gson.fromJson(gson.toJson(tx.txid()), Hash.class));
        KeyHash kh = tx.outputs().get(0).keyHash();
        assertEquals('"' + kh.toHex() + '"', gson.toJson(kh));
        assertEquals(kh, gson.fromJson(gson.toJson(kh), KeyHash.class));
    }

    @Test
    void amountsTravelAsExactIntegers() {
        Transaction tx = new Transaction(1, Samples.multiInput().inputs(),
                List.of(new TxOutput(Long.MAX_VALUE, KeyHash.of(Samples.key(9).publicKey()))));
        JsonObject json = CoreJson.toJson(tx);
        assertEquals(Long.MAX_VALUE, json.getAsJsonArray("outputs").get(0).getAsJsonObject().get("amount").getAsLong());
        assertEquals(Long.MAX_VALUE, CoreJson.transactionFromJson(json).outputs().get(0).amount());
    }

    @Test
    void rejectsATxidOrHashThatDoesNotMatchTheContents() {
        String other = Samples.hash(1).toHex();
        assertFieldNamed("transaction.txid", txJson(), o -> o.addProperty("txid", other), CoreJson::transactionFromJson);
        assertFieldNamed("header.hash", CoreJson.toJson(Samples.block().header()), o -> o.addProperty("hash", other),
                CoreJson::headerFromJson);
        assertFieldNamed("block.header.hash", CoreJson.toJson(Samples.block()),
                o -> o.getAsJsonObject("header").addProperty("hash", other), CoreJson::blockFromJson);
        assertFieldNamed("block.transactions[1].txid", CoreJson.toJson(Samples.block()),
                o -> o.getAsJsonArray("transactions").get(1).getAsJsonObject().addProperty("txid", other),
                CoreJson::blockFromJson);
    }

    @Test
    void acceptsJsonWithoutTheDerivedTxidOrHash() {
        JsonObject tx = txJson();
        tx.remove("txid");
        assertEquals(Samples.multiInput(), CoreJson.transactionFromJson(tx));
        JsonObject header = CoreJson.toJson(Samples.block().header());
        header.remove("hash");
        assertEquals(Samples.block().header(), CoreJson.headerFromJson(header));
    }

    @Test
    void rejectsAMissingFieldNamingIt() {
        assertFieldNamed("transaction.version", txJson(), o -> o.remove("version"), CoreJson::transactionFromJson);
        assertFieldNamed("transaction.inputs[2].signature", txJson(), o -> input(o, 2).remove("signature"),
                CoreJson::transactionFromJson);
        assertFieldNamed("header.nonce", CoreJson.toJson(Samples.block().header()), o -> o.remove("nonce"),
                CoreJson::headerFromJson);
        assertFieldNamed("block.header", CoreJson.toJson(Samples.block()), o -> o.remove("header"),
                CoreJson::blockFromJson);
        assertFieldNamed("transaction.outputs", txJson(), o -> o.add("outputs", com.google.gson.JsonNull.INSTANCE),
                CoreJson::transactionFromJson);
    }

    @Test
    void rejectsAFieldOfTheWrongTypeNamingIt() {
        assertFieldNamed("transaction.inputs[0].vout", txJson(), o -> input(o, 0).addProperty("vout", "zero"),
                CoreJson::transactionFromJson);
        assertFieldNamed("transaction.version", txJson(), o -> o.addProperty("version", "1"),
                CoreJson::transactionFromJson);
        assertFieldNamed("transaction.inputs", txJson(), o -> o.addProperty("inputs", 3), CoreJson::transactionFromJson);
        assertFieldNamed("transaction.outputs[1]", txJson(), o -> o.getAsJsonArray("outputs").set(1, new JsonPrimitive("an output")),
                CoreJson::transactionFromJson);
        assertFieldNamed("transaction.inputs[1].pubkey", txJson(), o -> input(o, 1).addProperty("pubkey", 12),
                CoreJson::transactionFromJson);
        assertFieldNamed("header.time", CoreJson.toJson(Samples.block().header()), o -> o.addProperty("time", 1.5),
                CoreJson::headerFromJson);
        assertFieldNamed("header.time", CoreJson.toJson(Samples.block().header()), o -> o.addProperty("time", 1L << 32),
                CoreJson::headerFromJson);
        assertFieldNamed("transaction.inputs[0].vout", txJson(), o -> input(o, 0).addProperty("vout", -1),
                CoreJson::transactionFromJson);
        DecodingException notObject = assertThrows(DecodingException.class,
                () -> CoreJson.transactionFromJson(JsonParser.parseString("[1, 2]")));
        assertTrue(notObject.getMessage().startsWith("transaction:"), notObject.getMessage());
    }

    @Test
    void rejectsBadHexNamingTheField() {
        assertFieldNamed("transaction.inputs[1].signature", txJson(), o -> input(o, 1).addProperty("signature", "xyz0"),
                CoreJson::transactionFromJson);
        assertFieldNamed("transaction.inputs[0].txid", txJson(),
                o -> input(o, 0).addProperty("txid", input(o, 0).get("txid").getAsString().substring(1)),
                CoreJson::transactionFromJson);
        assertFieldNamed("transaction.inputs[0].txid", txJson(), o -> input(o, 0).addProperty("txid", "abcd"),
                CoreJson::transactionFromJson);
        assertFieldNamed("transaction.outputs[0].keyhash", txJson(),
                o -> o.getAsJsonArray("outputs").get(0).getAsJsonObject().addProperty("keyhash", "00ff"),
                CoreJson::transactionFromJson);
        assertFieldNamed("header.prev", CoreJson.toJson(Samples.block().header()),
                o -> o.addProperty("prev", "g".repeat(64)), CoreJson::headerFromJson);
        assertFieldNamed("transaction.inputs[0].pubkey", txJson(), o -> input(o, 0).addProperty("pubkey", "00".repeat(33)),
                CoreJson::transactionFromJson);
    }

    @Test
    void theSharedGsonReportsTheSameFieldNames() {
        JsonObject broken = txJson();
        input(broken, 1).addProperty("signature", "not hex");
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> CoreJson.gson().fromJson(broken.toString(), Transaction.class));
        assertTrue(e.getMessage().contains("transaction.inputs[1].signature"), e.getMessage());
        JsonParseException hash = assertThrows(JsonParseException.class,
                () -> CoreJson.gson().fromJson("\"abc\"", Hash.class));
        assertTrue(hash.getMessage().contains("64 hex digits"), hash.getMessage());
    }
}
