package org.peerchain.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A block's bytes travel as lower-case hex; anything else is refused, naming the first bad digit and where. */
@Timeout(10)
class HexFieldTest {
    private static Message decode(String json) throws FrameException {
        MessageKind kind = PeerMessages.catalog().kind(PeerMessages.BlockMessage.TYPE).orElseThrow();
        return WireCodec.decodeBody(kind, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyByteValueRoundTrips() throws FrameException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : all) {
            hex.append(String.format("%02x", b & 0xff));
        }
        Message m = decode("{\"data\":\"" + hex + "\"}");
        assertArrayEquals(all, ((PeerMessages.BlockMessage) m).data());
    }

    @Test
    void blocksAndTransactionsAreFramedByteForByteAsTheGeneralJsonPathFramesThem() {
        byte[] data = new byte[3_000];
        new java.util.Random(7).nextBytes(data);
        for (Message m : java.util.List.of(new PeerMessages.BlockMessage(data), new PeerMessages.TxMessage(data),
                new PeerMessages.BlockMessage(new byte[] {0, (byte) 0xff}))) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("type", m.type());
            m.writeFields(o);
            byte[] body = o.toString().getBytes(StandardCharsets.UTF_8);
            byte[] expected = java.nio.ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
            assertArrayEquals(expected, WireCodec.encode(m), m.type());
        }
    }

    @Test
    void aFramedBlockDecodesToItsBytesAndSoDoesTheSameBodyInAnotherLayout() throws FrameException {
        byte[] data = new byte[2_000];
        new java.util.Random(11).nextBytes(data);
        byte[] frame = WireCodec.encode(new PeerMessages.BlockMessage(data));
        byte[] body = java.util.Arrays.copyOfRange(frame, 4, frame.length);
        MessageKind kind = PeerMessages.catalog().kind(PeerMessages.BlockMessage.TYPE).orElseThrow();
        assertArrayEquals(data, ((PeerMessages.BlockMessage) WireCodec.decodeBody(kind, body)).data());
        String hex = java.util.HexFormat.of().formatHex(data);
        String reordered = "{ \"data\" : \"" + hex + "\", \"type\": \"block\" }";
        assertArrayEquals(data, ((PeerMessages.BlockMessage) decode(reordered)).data());
    }

    @Test
    void aBadDigitInABodyLaidOutAsWeFrameItIsStillNamed() {
        FrameException e = assertThrows(FrameException.class,
                () -> decode("{\"type\":\"block\",\"data\":\"00zz\"}"));
        assertEquals("block.data: expected lower-case hex digits, found 'z' at 2", e.getMessage());
    }

    @Test
    void anUpperCaseDigitIsRefusedWithItsPosition() {
        FrameException e = assertThrows(FrameException.class, () -> decode("{\"data\":\"00aB\"}"));
        assertEquals(FrameException.BAD_FIELD, e.code());
        assertEquals("block.data: expected lower-case hex digits, found 'B' at 3", e.getMessage());
    }

    @Test
    void aNonHexCharacterInTheHighDigitIsRefusedWithItsPosition() {
        FrameException e = assertThrows(FrameException.class, () -> decode("{\"data\":\"00g0\"}"));
        assertEquals("block.data: expected lower-case hex digits, found 'g' at 2", e.getMessage());
    }

    @Test
    void aCharacterBeyondAsciiIsRefused() {
        FrameException e = assertThrows(FrameException.class, () -> decode("{\"data\":\"0\u00e9\"}"));
        assertEquals("block.data: expected lower-case hex digits, found '\u00e9' at 1", e.getMessage());
    }

    @Test
    void anOddNumberOfDigitsIsRefused() {
        FrameException e = assertThrows(FrameException.class, () -> decode("{\"data\":\"abc\"}"));
        assertEquals(FrameException.BAD_FIELD, e.code());
    }
}
