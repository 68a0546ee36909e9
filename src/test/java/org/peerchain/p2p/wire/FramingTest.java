package org.peerchain.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FramingTest {
    private static final MessageCatalog CATALOG = MessageCatalog.standard();
    private static final String NODE = "00112233445566778899aabbccddeeff";
    private static final String KEY = "ab".repeat(32);

    private static List<Message> samples() {
        return List.of(
                new Message.Version("regtest", 2, NODE, 8333, 42, BigInteger.valueOf(0xabcdef), KEY, "cd".repeat(32)),
                new Message.Verack("ef".repeat(64)), new Message.Ping(-7), new Message.Pong(Long.MAX_VALUE),
                new Message.Announce("regtest", 18444, NODE, 2, 12, KEY, 1_795_800_000L, "01".repeat(64)),
                new Message.GetPeers("main"),
                new Message.Peers(List.of(new Message.PeerAddress("127.0.0.1", 9000, NODE, 3))),
                new Message.Leave("test", 1, NODE),
                new Message.Error("rate-limited", "slow down"));
    }

    private static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    private static Message readOne(byte[] bytes) throws IOException {
        return new FrameReader(new ByteArrayInputStream(bytes), CATALOG).read();
    }

    private static FrameException rejected(byte[] bytes) {
        return assertThrows(FrameException.class, () -> readOne(bytes));
    }

    @Test
    void everyMessageSurvivesEncodeThenDecodeAndWritesTypeFirst() throws IOException {
        for (Message m : samples()) {
            byte[] f = WireCodec.encode(m);
            String json = new String(f, 4, f.length - 4, StandardCharsets.UTF_8);
            assertTrue(json.startsWith("{\"type\":\"" + m.type() + "\""), json);
            assertEquals(m, readOne(f));
        }
    }

    @Test
    void framesSplitIntoSingleBytesOverARealSocketArriveWhole() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread sender = new Thread(() -> {
                try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    s.setTcpNoDelay(true);
                    for (Message m : samples()) {
                        for (byte b : WireCodec.encode(m)) {
                            s.getOutputStream().write(b);
                            s.getOutputStream().flush();
                        }
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            sender.start();
            try (Socket s = server.accept()) {
                FrameReader r = new FrameReader(s.getInputStream(), CATALOG);
                for (Message m : samples()) {
                    assertEquals(m, r.read());
                }
                assertNull(r.read(), "clean end of stream between frames");
            }
            sender.join();
        }
    }

    @Test
    void incrementalDecoderHandlesSingleBytesAndManyFramesInOneBuffer() throws FrameException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        samples().forEach(m -> all.writeBytes(WireCodec.encode(m)));
        byte[] bytes = all.toByteArray();

        FrameDecoder oneByOne = new FrameDecoder(CATALOG);
        List<Message> got = new ArrayList<>();
        for (byte b : bytes) {
            got.addAll(oneByOne.feed(ByteBuffer.wrap(new byte[] {b})));
        }
        assertEquals(samples(), got);

        FrameDecoder atOnce = new FrameDecoder(CATALOG);
        assertEquals(samples(), atOnce.feed(ByteBuffer.wrap(bytes)));
        assertTrue(atOnce.isBetweenFrames());
    }

    @Test
    void manyFramesInOneWriteAreReadInOrderByTheBlockingReader() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        samples().forEach(m -> all.writeBytes(WireCodec.encode(m)));
        FrameReader r = new FrameReader(new ByteArrayInputStream(all.toByteArray()), CATALOG);
        for (Message m : samples()) {
            assertEquals(m, r.read());
        }
        assertNull(r.read());
    }

    @Test
    void rejectsAnOversizedLengthWithoutReadingTheBody() {
        byte[] header = ByteBuffer.allocate(4).putInt(WireLimits.MAX_FRAME_BYTES + 1).array();
        InputStream endless = new InputStream() {
            int served;

            @Override
            public int read() {
                return served < 4 ? header[served++] & 0xff : failBodyRead();
            }

            private int failBodyRead() {
                throw new AssertionError("the body of an oversized frame must not be read");
            }
        };
        FrameException e = assertThrows(FrameException.class, () -> new FrameReader(endless, CATALOG).read());
        assertEquals(FrameException.FRAME_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains(Integer.toString(WireLimits.MAX_FRAME_BYTES)), e.getMessage());
        assertEquals(FrameException.FRAME_TOO_LARGE, rejected(new byte[] {(byte) 0xff, 0, 0, 0}).code(),
                "a negative length is oversized too");
    }

    @Test
    void rejectsAKnownTypeOverItsOwnLimitBeforeParsing() {
        String padding = " ".repeat(WireLimits.MAX_CONTROL_MESSAGE_BYTES);
        FrameException e = rejected(frame("{\"type\":\"ping\",\"nonce\":1}" + padding));
        assertEquals(FrameException.MESSAGE_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("\"ping\""), e.getMessage());
    }

    @Test
    void rejectsMalformedJson() {
        FrameException e = rejected(frame("{\"type\":\"ping\",\"nonce\":}"));
        assertEquals(FrameException.BAD_JSON, e.code());
    }

    /**
     * The type is read by a plain scan when the body begins plainly, and by the JSON reader otherwise: both give the
     * same type for the same text, and the reader's error for what it refuses.
     */
    @Test
    void theTypeIsReadAlikeWhateverWhitespaceOrEscapesTheBodyBeginsWith() throws IOException {
        for (String json : List.of("{\"type\":\"ping\",\"nonce\":7}", " \n{ \"type\" :\t\"ping\" ,\"nonce\":7}",
                "\r\n{\"type\"\n:\n\"ping\",\"nonce\":7}", "{\"type\":\"pi\\u006eg\",\"nonce\":7}",
                "{\"type\":\"\\u0070ing\",\"nonce\":7}")) {
            assertEquals(new Message.Ping(7), readOne(frame(json)), json);
        }
        assertEquals("\u00e9t\u00e9", ((Message.Unknown) readOne(frame("{\"type\":\"\u00e9t\u00e9\"}"))).type());
        assertEquals(FrameException.BAD_FIELD, rejected(frame("{\"type\":\"\"}")).code(), "an empty type");
        assertEquals(FrameException.BAD_FIELD, rejected(frame("{\"type\":\"" + "x".repeat(65) + "\"}")).code(),
                "a type over 64 characters");
        assertEquals(FrameException.BAD_FIELD, rejected(frame("{\"type\":7}")).code(), "a type that is no string");
        assertEquals(FrameException.TYPE_NOT_FIRST, rejected(frame("{\"typ\":\"ping\"}")).code());
        assertEquals("pi\u0001ng", ((Message.Unknown) readOne(frame("{\"type\":\"pi\u0001ng\"}"))).type(),
                "the reader takes a control character in a string");
    }

    @Test
    void rejectsAFrameWhoseFirstKeyIsNotType() {
        FrameException e = rejected(frame("{\"nonce\":1,\"type\":\"ping\"}"));
        assertEquals(FrameException.TYPE_NOT_FIRST, e.code());
        assertTrue(e.getMessage().contains("\"nonce\""), e.getMessage());
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        assertEquals(FrameException.NOT_AN_OBJECT, rejected(frame("[\"type\",\"ping\"]")).code());
        assertEquals(FrameException.NOT_AN_OBJECT, rejected(frame("42")).code());
    }

    @Test
    void rejectsAStreamThatEndsInsideAFrame() {
        byte[] whole = WireCodec.encode(new Message.Ping(1));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertEquals(FrameException.TRUNCATED, rejected(cut).code());
        assertEquals(FrameException.TRUNCATED, rejected(new byte[] {0, 0}).code(), "inside the length prefix");
    }

    @Test
    void rejectsAMissingOrOutOfRangeFieldNamingIt() {
        FrameException missing = rejected(frame("{\"type\":\"announce\",\"network\":\"regtest\"}"));
        assertEquals(FrameException.BAD_FIELD, missing.code());
        assertTrue(missing.getMessage().startsWith("announce.port"), missing.getMessage());
        FrameException range = rejected(frame("{\"type\":\"announce\",\"network\":\"regtest\",\"port\":70000,"
                + "\"nodeId\":\"" + NODE + "\",\"protocolVersion\":1,\"height\":0}"));
        assertTrue(range.getMessage().contains("announce.port: 70000 is out of range"), range.getMessage());
    }

    @Test
    void rejectsAnEmptyFrameAndTrailingData() {
        assertEquals(FrameException.EMPTY_FRAME, rejected(new byte[] {0, 0, 0, 0}).code());
        assertEquals(FrameException.BAD_JSON, rejected(frame("{\"type\":\"verack\"} {}")).code());
    }

    @Test
    void passesUnknownTypesThroughUnparsedSoTheProtocolCanGrow() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(frame("{\"type\":\"futurething\",\"anything\":[1,2,3" + ",4".repeat(500) + "]}"));
        all.writeBytes(WireCodec.encode(new Message.Ping(9)));
        FrameReader r = new FrameReader(new ByteArrayInputStream(all.toByteArray()), CATALOG);
        Message unknown = r.read();
        assertInstanceOf(Message.Unknown.class, unknown);
        assertEquals("futurething", unknown.type());
        assertEquals(new Message.Ping(9), r.read(), "the next frame is read normally");

        FrameDecoder d = new FrameDecoder(CATALOG);
        List<Message> got = d.feed(ByteBuffer.wrap(all.toByteArray()));
        assertEquals("futurething", got.get(0).type());
        assertEquals(new Message.Ping(9), got.get(1));
    }

    @Test
    void aSmallerCatalogLimitRejectsFramesTheFullLimitAllows() {
        MessageCatalog small = CATALOG.withMaxFrameBytes(1024);
        byte[] big = frame("{\"type\":\"peers\",\"peers\":[]}" + " ".repeat(2000));
        FrameException e = assertThrows(FrameException.class,
                () -> new FrameReader(new ByteArrayInputStream(big), small).read());
        assertEquals(FrameException.FRAME_TOO_LARGE, e.code());
    }

    @Test
    void aCatalogLimitedToSomeTypesRefusesAnyOtherFromItsHeadAndReadsNoMoreOfIt() throws IOException {
        MessageCatalog handshakeOnly = CATALOG.only(java.util.Set.of(Message.Version.TYPE, Message.Verack.TYPE),
                new MessageCatalog.Refusal("handshake-required", "only version and verack first"));
        byte[] head = "{\"type\":\"ping\",\"nonce\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[1_000_000];
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy(head, 0, body, 0, head.length);
        ByteArrayInputStream in = new ByteArrayInputStream(ByteBuffer.allocate(4 + body.length).putInt(body.length)
                .put(body).array());
        FrameException e = assertThrows(FrameException.class, () -> new FrameReader(in, handshakeOnly).read());
        assertEquals("handshake-required", e.code());
        assertTrue(e.getMessage().contains("\"ping\" frame of 1000000 bytes refused unread: only version and verack first"),
                e.getMessage());
        assertEquals(body.length - WireLimits.TYPE_PEEK_BYTES, in.available(), "only the type's bytes were read");
        Message.Verack ack = new Message.Verack("ab".repeat(64));
        assertEquals(ack, new FrameReader(new ByteArrayInputStream(WireCodec.encode(ack)), handshakeOnly).read());
        FrameException tooBig = assertThrows(FrameException.class, () -> new FrameReader(new ByteArrayInputStream(
                frame("{\"type\":\"version\",\"pad\":\"" + "x".repeat(WireLimits.MAX_CONTROL_MESSAGE_BYTES) + "\"}")),
                handshakeOnly).read());
        assertEquals(FrameException.MESSAGE_TOO_LARGE, tooBig.code());
        assertThrows(IllegalArgumentException.class, () -> CATALOG.only(java.util.Set.of("block"),
                new MessageCatalog.Refusal("x", "y")), "a kind the catalog lacks");
    }
}
