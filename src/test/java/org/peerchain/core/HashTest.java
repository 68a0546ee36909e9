package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class HashTest {
    private static final String SOME = "9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50";

    @Test
    void isDoubleSha256() {
        assertEquals("5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456",
                Hash.sha256d(new byte[0]).toHex());
        assertEquals(SOME, Hash.sha256d("hello".getBytes(StandardCharsets.US_ASCII)).toHex());
    }

    @Test
    void hexRoundTripsInByteOrderAndAcceptsUpperCase() {
        Hash h = Hash.fromHex(SOME);
        assertEquals(SOME, h.toHex());
        assertEquals((byte) 0x95, h.byteAt(0));
        assertEquals(h, Hash.fromHex(SOME.toUpperCase()));
        assertEquals(h, Hash.wrap(h.toBytes()));
        assertEquals(h.hashCode(), Hash.fromHex(SOME).hashCode());
    }

    @Test
    void rejectsHexOfTheWrongLengthOrWithANonHexCharacterSayingWhich() {
        IllegalArgumentException shortHex = assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("abcd"));
        assertTrue(shortHex.getMessage().contains("64 hex digits") && shortHex.getMessage().contains("4 characters"));
        String bad = SOME.substring(0, 63) + "g";
        IllegalArgumentException nonHex = assertThrows(IllegalArgumentException.class, () -> Hash.fromHex(bad));
        assertTrue(nonHex.getMessage().contains("non-hex"), nonHex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hash.fromHex(null));
        assertThrows(IllegalArgumentException.class, () -> Hash.wrap(new byte[31]));
    }

    @Test
    void comparesAsAnUnsignedBigEndianNumber() {
        Hash small = Hash.fromHex("7f" + "ff".repeat(31));
        Hash large = Hash.fromHex("80" + "00".repeat(31));
        assertTrue(small.compareTo(large) < 0, "0x80... is above 0x7f... even though the byte is negative in Java");
        assertTrue(Hash.ZERO.compareTo(small) < 0);
        assertEquals(0, large.compareTo(Hash.fromHex("80" + "00".repeat(31))));
        Hash lastByte = Hash.fromHex("00".repeat(31) + "01");
        assertTrue(lastByte.compareTo(Hash.ZERO) > 0);
        assertTrue(Hash.ZERO.isZero());
        assertNotEquals(Hash.ZERO, lastByte);
    }

    @Test
    void cannotBeChangedThroughTheArraysItWasMadeFromOrGivesOut() {
        byte[] bytes = Hash.fromHex(SOME).toBytes();
        Hash h = Hash.wrap(bytes);
        bytes[0] = 0;
        h.toBytes()[1] = 0;
        assertEquals(SOME, h.toHex());
    }
}
