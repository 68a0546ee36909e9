package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The canonical bytes of transactions and blocks: what is hashed and signed, and what a peer may send. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class CanonicalEncodingTest {

    private static void assertDecodingFails(String expectedInMessage, Runnable decode) {
        DecodingException e = assertThrows(DecodingException.class, decode::run);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "expected the message to contain '" + expectedInMessage + "': " + e.getMessage());
    }

    @Test
    void coinbaseRoundTripsThroughItsBytes() {
        Transaction cb = Samples.coinbase(7);
        Transaction back = Transaction.deserialize(cb.serialize());
        assertEquals(cb.txid(), back.txid());
        assertTrue(back.isCoinbase());
        assertArrayEquals(cb.inputs().get(0).coinbaseData(), back.inputs().get(0).coinbaseData());
        assertArrayEquals(cb.serialize(), back.serialize());
    }

    @Test
    void signedMultiInputTransactionRoundTripsThroughItsBytesAndStillVerifies() {
        Transaction tx = Samples.multiInput();
        Transaction back = Transaction.deserialize(tx.serialize());
        assertEquals(tx, back);
        assertArrayEquals(tx.serialize(), back.serialize());
        assertEquals(tx.inputs(), back.inputs());
        assertEquals(tx.outputs(), back.outputs());
        for (TxInput in : back.inputs()) {
            assertTrue(Ed25519Keys.verify(in.publicKey(), back.sigHash(), in.signature()));
        }
        assertEquals(tx.size(), tx.serialize().length);
        assertEquals(Amount.parse("1.75"), tx.totalOutput());
    }

    @Test
    void txidCoversSignaturesButTheSigHashLeavesThemOut() {
        Transaction tx = Samples.multiInput();
        TxInput first = tx.inputs().get(0);
        Transaction resigned = new Transaction(tx.version(),
                List.of(first.withSignature(new byte[64]), tx.inputs().get(1), tx.inputs().get(2)), tx.outputs());
        assertNotEquals(tx.txid(), resigned.txid());
        assertEquals(tx.sigHash(), resigned.sigHash());
        assertEquals(Hash.sha256d(tx.serialize()), tx.txid());
    }

    @Test
    void blockRoundTripsThroughItsBytes() {
        Block block = Samples.block();
        Block back = Block.deserialize(block.serialize());
        assertEquals(block.hash(), back.hash());
        assertEquals(block.transactions(), back.transactions());
        assertArrayEquals(block.serialize(), back.serialize());
        assertArrayEquals(block.header().serialize(), Arrays.copyOf(block.serialize(), BlockHeader.SIZE));
        assertEquals(block.header().merkleRoot(), back.computeMerkleRoot());
    }

    @Test
    void blockOfMinimalTransactionsRoundTripsSoThatTheRulesNotTheDecoderJudgeIt() {
        // A transaction without inputs or outputs is 6 bytes; it breaks a rule, but it decodes.
        Transaction empty = new Transaction(1, List.of(), List.of());
        Transaction otherEmpty = new Transaction(2, List.of(), List.of());
        assertEquals(6, empty.size());
        Block block = new Block(Samples.block().header(), List.of(empty, otherEmpty, empty));
        assertArrayEquals(block.serialize(), Block.deserialize(block.serialize()).serialize());
        assertArrayEquals(empty.serialize(), Transaction.deserialize(empty.serialize()).serialize());
    }

    @Test
    void rejectsEveryTruncationOfATransactionWithADecodingException() {
        byte[] bytes = Samples.multiInput().serialize();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(DecodingException.class, () -> Transaction.deserialize(cut), "cut at " + length);
        }
        assertDecodingFails("tx version", () -> Transaction.deserialize(new byte[3]));
    }

    @Test
    void rejectsEveryTruncationOfABlockWithADecodingException() {
        byte[] bytes = Samples.block().serialize();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(DecodingException.class, () -> Block.deserialize(cut), "cut at " + length);
        }
    }

    @Test
    void rejectsTrailingBytesAfterATransactionOrABlock() {
        assertDecodingFails("transaction: 1 trailing bytes",
                () -> Transaction.deserialize(Arrays.copyOf(Samples.multiInput().serialize(), Samples.multiInput().size() + 1)));
        byte[] block = Samples.block().serialize();
        assertDecodingFails("block: 2 trailing bytes", () -> Block.deserialize(Arrays.copyOf(block, block.length + 2)));
    }

    @Test
    void rejectsCompactSizesThatAreNotMinimallyEncoded() {
        // Version 1, then an input count of 0 written in three, five and nine bytes.
        byte[][] counts = {
            {(byte) 0xFD, 0, 0},
            {(byte) 0xFE, 0, 0, 0, 0},
            {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0},
            {(byte) 0xFD, 0, (byte) 0xFC},
            {(byte) 0xFE, 0, 0, (byte) 0xFF, (byte) 0xFF},
        };
        for (byte[] count : counts) {
            byte[] tx = new CanonicalWriter().u32(1).raw(count).u8(0).toByteArray();
            assertDecodingFails("tx input count: size", () -> Transaction.deserialize(tx));
            assertDecodingFails("not minimally encoded", () -> Transaction.deserialize(tx));
        }
        // The same value written minimally decodes.
        byte[] minimal = new CanonicalWriter().u32(1).compactSize(0).compactSize(0).toByteArray();
        assertEquals(0, Transaction.deserialize(minimal).inputs().size());
    }

    @Test
    void rejectsCountsAndLengthsOverTheirLimitsBeforeReadingThem() {
        byte[] manyInputs = new CanonicalWriter().u32(1).compactSize(1_000).raw(new byte[100]).toByteArray();
        assertDecodingFails("tx input count: size 1000 is over the limit", () -> Transaction.deserialize(manyInputs));
        byte[] hugeCount = new CanonicalWriter().u32(1).compactSize(0xFFFF_FFFFL).toByteArray();
        assertDecodingFails("over the limit", () -> Transaction.deserialize(hugeCount));
        byte[] negativeCount = new CanonicalWriter().u32(1).u8(0xFF).i64(Long.MIN_VALUE).toByteArray();
        assertThrows(DecodingException.class, () -> Transaction.deserialize(negativeCount));
        byte[] longKey = new CanonicalWriter().u32(1).compactSize(1).hash(Hash.ZERO).u32(0)
                .bytes(new byte[Transaction.MAX_PUBLIC_KEY_FIELD + 1]).bytes(new byte[64]).compactSize(0).toByteArray();
        assertDecodingFails("input 0 public key length: size 33 is over the limit of 32",
                () -> Transaction.deserialize(longKey));
        byte[] manyTxs = new CanonicalWriter().raw(Samples.block().header().serialize()).compactSize(50)
                .raw(new byte[60]).toByteArray();
        assertDecodingFails("block transaction count: size 50 is over the limit", () -> Block.deserialize(manyTxs));
    }

    @Test
    void rejectsInputsLargerThanTheDecodingCaps() {
        assertDecodingFails("over the limit of " + Block.MAX_ENCODED_SIZE,
                () -> Block.deserialize(new byte[Block.MAX_ENCODED_SIZE + 1]));
        assertDecodingFails("over the limit of " + Transaction.MAX_ENCODED_SIZE,
                () -> Transaction.deserialize(new byte[Transaction.MAX_ENCODED_SIZE + 1]));
    }
}
