package org.peerchain.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the bytes a peer or a tracker client sends: the length-prefixed frames, read by the
 * blocking {@link FrameReader} and by the incremental {@link FrameDecoder} fed in arbitrary pieces, and
 * every message type's body decoding. The only allowed failure is a {@link FrameException} with a code
 * and a message. Replayed from {@code WireFuzzTestInputs/} by {@code mvn verify}; fuzzed as in
 * docs/RELIABILITY.md.
 */
class WireFuzzTest {
    private static final MessageCatalog CATALOG = MessageCatalog.standard();
    private static final MessageCatalog SMALL = CATALOG.withMaxFrameBytes(WireLimits.MAX_CONTROL_MESSAGE_BYTES);
    private static final String[] TYPES = {
        Message.Version.TYPE, Message.Verack.TYPE, Message.Ping.TYPE, Message.Pong.TYPE, Message.Announce.TYPE,
        Message.GetPeers.TYPE, Message.Leave.TYPE, Message.Error.TYPE, Message.Peers.TYPE,
    };

    /** A stream of frames read one at a time until its end or the first bad frame. */
    @FuzzTest
    void frameReaderReadsAnyStreamOrRejectsItWithAFrameException(byte[] stream) throws IOException {
        FrameReader r = new FrameReader(new ByteArrayInputStream(stream), stream.length % 2 == 0 ? CATALOG : SMALL);
        try {
            for (Message m; (m = r.read()) != null; ) {
                checkDecoded(m);
            }
        } catch (FrameException e) {
            checkRejection(e);
        }
    }

    /**
     * The same stream fed to the incremental decoder in pieces whose sizes the fuzzer picks: it must
     * give the messages the blocking reader gives, however the bytes are split.
     */
    @FuzzTest
    void frameDecoderGivesTheSameMessagesHoweverTheBytesAreSplit(FuzzedDataProvider data) throws IOException {
        int pieces = data.consumeInt(1, 64);
        int[] sizes = new int[pieces];
        for (int i = 0; i < pieces; i++) {
            sizes[i] = data.consumeInt(0, 4096);
        }
        byte[] stream = data.consumeRemainingAsBytes();
        List<Message> blocking = new ArrayList<>();
        FrameException blockingError = null;
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), CATALOG);
        try {
            for (Message m; (m = reader.read()) != null; ) {
                blocking.add(m);
            }
        } catch (FrameException e) {
            checkRejection(e);
            blockingError = e;
        }
        FrameDecoder decoder = new FrameDecoder(CATALOG);
        List<Message> incremental = new ArrayList<>();
        FrameException incrementalError = null;
        int at = 0;
        int piece = 0;
        try {
            while (at < stream.length) {
                int n = Math.min(stream.length - at, Math.max(1, sizes[piece++ % pieces]));
                incremental.addAll(decoder.feed(ByteBuffer.wrap(stream, at, n)));
                at += n;
            }
        } catch (FrameException e) {
            checkRejection(e);
            incrementalError = e;
        }
        incremental.forEach(WireFuzzTest::checkDecoded);
        if (blockingError == null && incrementalError == null) {
            assertTrue(blocking.equals(incremental), "both decoders give the same messages");
        }
        if (incrementalError == null && blockingError != null) {
            // the blocking reader may only fail where the stream ends inside a frame
            assertTrue(blockingError.code().equals(FrameException.TRUNCATED) && !decoder.isBetweenFrames(),
                    "the decoder accepted what the reader rejected: " + blockingError.getMessage());
        }
    }

    /** One body of each known type (picked by the first byte), decoded as its frame would be. */
    @FuzzTest
    void everyMessageTypeDecodesItsBodyOrRejectsIt(FuzzedDataProvider data) {
        String type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        byte[] body = data.consumeRemainingAsBytes();
        MessageKind kind = CATALOG.kind(type).orElseThrow();
        try {
            if (body.length == 0 || body.length > kind.maxFrameBytes()) {
                return;
            }
            checkDecoded(WireCodec.decodeBody(kind, body));
        } catch (FrameException e) {
            checkRejection(e);
        }
    }

    private static void checkDecoded(Message m) {
        assertNotNull(m);
        if (!(m instanceof Message.Unknown)) {
            // whatever decodes must encode again within the limits
            byte[] again = WireCodec.encode(m);
            assertTrue(again.length > WireLimits.LENGTH_PREFIX_BYTES);
        }
    }

    private static void checkRejection(FrameException e) {
        assertNotNull(e.code(), "a rejection has a code");
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a rejection says what is wrong");
    }
}
