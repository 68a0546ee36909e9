package org.peerchain.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import org.peerchain.core.Block;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.CoreJson;
import org.peerchain.core.DecodingException;
import org.peerchain.core.Transaction;

/**
 * Fuzz targets for blocks and transactions from outside: canonical bytes (a peer's block, RPC's
 * {@code submitblock}) and JSON (the wire and RPC forms), then the context-free consensus checks on
 * whatever decodes. Allowed failures: {@link DecodingException} and {@link ValidationException}, each
 * with a message. Whatever decodes must encode back to the same bytes (the encoding is canonical).
 */
class DecodeAndValidateFuzzTest {
    private static final ChainParams PARAMS = ChainParams.REGTEST;
    /** Regtest's target passes about one nonce in two: enough tries to reach the rules behind proof of work. */
    private static final int NONCE_TRIES = 64;

    @FuzzTest
    void blockFromCanonicalBytesDecodesAndValidatesOrIsRejected(byte[] bytes) {
        Block block;
        try {
            block = Block.deserialize(bytes);
        } catch (DecodingException e) {
            checkMessage(e);
            return;
        }
        assertArrayEquals(bytes, block.serialize(), "a decoded block encodes to the bytes it came from");
        validate(block);
    }

    @FuzzTest
    void transactionFromCanonicalBytesDecodesAndValidatesOrIsRejected(byte[] bytes) {
        Transaction tx;
        try {
            tx = Transaction.deserialize(bytes);
        } catch (DecodingException e) {
            checkMessage(e);
            return;
        }
        assertArrayEquals(bytes, tx.serialize(), "a decoded transaction encodes to the bytes it came from");
        validate(tx);
    }

    @FuzzTest
    void blockFromJsonDecodesAndValidatesOrIsRejected(byte[] utf8) {
        JsonElement json = json(utf8);
        if (json == null) {
            return;
        }
        Block block;
        try {
            block = CoreJson.blockFromJson(json);
        } catch (DecodingException e) {
            checkMessage(e);
            return;
        }
        assertArrayEquals(block.serialize(), CoreJson.blockFromJson(CoreJson.toJson(block)).serialize(),
                "a block read from JSON survives a round trip through JSON");
        assertArrayEquals(block.serialize(), Block.deserialize(block.serialize()).serialize(),
                "a block read from JSON has a canonical encoding that decodes");
        validate(block);
    }

    @FuzzTest
    void transactionFromJsonDecodesAndValidatesOrIsRejected(byte[] utf8) {
        JsonElement json = json(utf8);
        if (json == null) {
            return;
        }
        Transaction tx;
        try {
            tx = CoreJson.transactionFromJson(json);
        } catch (DecodingException e) {
            checkMessage(e);
            return;
        }
        assertEquals(tx.txid(), CoreJson.transactionFromJson(CoreJson.toJson(tx)).txid(),
                "a transaction read from JSON survives a round trip through JSON");
        assertArrayEquals(tx.serialize(), Transaction.deserialize(tx.serialize()).serialize(),
                "a transaction read from JSON has a canonical encoding that decodes");
        validate(tx);
    }

    /** Header fields picked by the fuzzer, with a correct merkle root, so the rules after proof of work run. */
    @FuzzTest
    void blockWithCorrectMerkleRootReachesEveryContextFreeRule(FuzzedDataProvider data) {
        int version = data.consumeInt();
        long time = data.consumeLong() & 0xffffffffL;
        long bits = data.consumeBoolean() ? PARAMS.powLimitBits() : data.consumeLong() & 0xffffffffL;
        Block block;
        try {
            block = Block.deserialize(data.consumeRemainingAsBytes());
        } catch (DecodingException e) {
            checkMessage(e);
            return;
        }
        BlockHeader h = new BlockHeader(version, block.header().prevHash(), block.computeMerkleRoot(), time, bits, 0);
        validate(block.withHeader(withWork(h)));
    }

    private static BlockHeader withWork(BlockHeader h) {
        BlockHeader best = h;
        for (int nonce = 0; nonce < NONCE_TRIES; nonce++) {
            best = h.withNonce(nonce);
            try {
                BlockRules.checkHeader(best, PARAMS);
                return best;
            } catch (ValidationException e) {
                if (!e.reason().equals("high-hash")) {
                    return best;
                }
            }
        }
        return best;
    }

    private static void validate(Block block) {
        try {
            BlockRules.checkBlock(block, PARAMS);
        } catch (ValidationException e) {
            checkRejection(e);
        }
        for (Transaction tx : block.transactions()) {
            validate(tx);
        }
    }

    private static void validate(Transaction tx) {
        try {
            TxRules.checkTransaction(tx);
            if (!tx.isCoinbase()) {
                TxRules.checkSignatures(tx);
            }
        } catch (ValidationException e) {
            checkRejection(e);
        }
    }

    private static JsonElement json(byte[] utf8) {
        try {
            return JsonParser.parseString(new String(utf8, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            return null; // not JSON at all: the JSON parser's own business, before ours
        }
    }

    private static void checkRejection(ValidationException e) {
        assertNotNull(e.reason());
        assertFalse(e.reason().isBlank(), "a rejection has a reason code");
        checkMessage(e);
    }

    private static void checkMessage(Exception e) {
        assertNotNull(e.getMessage(), "a rejection says what is wrong");
        assertFalse(e.getMessage().isBlank(), "a rejection says what is wrong");
    }
}
