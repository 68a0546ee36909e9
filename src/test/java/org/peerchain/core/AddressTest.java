package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class AddressTest {
    private static final int MAIN = 0x37;
    private static final int TEST = 0x7f;
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static String message(String text, int prefix) {
        return assertThrows(IllegalArgumentException.class, () -> Address.parse(text, prefix)).getMessage();
    }

    @Test
    void encodesAndParsesBackForManyKeysOnEachNetwork() {
        for (int seed = 0; seed < 50; seed++) {
            for (int prefix : new int[] {MAIN, TEST, 0}) {
                Address a = Address.ofPublicKey(prefix, Samples.key(seed).publicKey());
                assertEquals(a, Address.parse(a.encode(), prefix));
                assertEquals(a, Address.parse("  " + a.encode() + "\n", prefix), "surrounding blanks are ignored");
            }
        }
    }

    @Test
    void roundTripsAddressesWhoseBytesStartWithZeros() {
        Address zeros = new Address(0, KeyHash.wrap(new byte[KeyHash.LENGTH]));
        String text = zeros.encode();
        assertTrue(text.startsWith("1".repeat(21)), text);
        assertEquals(zeros, Address.parse(text, 0));
    }

    @Test
    void catchesASingleMistypedCharacterWithTheChecksum() {
        String good = Address.ofPublicKey(MAIN, Samples.key(3).publicKey()).encode();
        for (int pos = 1; pos < good.length(); pos++) {
            char original = good.charAt(pos);
            char typo = BASE58.charAt((BASE58.indexOf(original) + 1) % BASE58.length());
            String bad = good.substring(0, pos) + typo + good.substring(pos + 1);
            String msg = message(bad, MAIN);
            assertTrue(msg.contains("checksum") || msg.contains("wrong length"), msg);
        }
        String bad = good.substring(0, 10) + (good.charAt(10) == 'a' ? 'b' : 'a') + good.substring(11);
        assertTrue(message(bad, MAIN).contains("checksum does not match: it has a typo"), message(bad, MAIN));
    }

    @Test
    void namesACharacterThatIsNeverInAnAddressAndItsPosition() {
        String good = Address.ofPublicKey(MAIN, Samples.key(3).publicKey()).encode();
        for (char c : new char[] {'0', 'O', 'I', 'l', '-'}) {
            String bad = good.substring(0, 4) + c + good.substring(5);
            String msg = message(bad, MAIN);
            assertTrue(msg.contains("'" + c + "' at position 5"), msg);
        }
    }

    @Test
    void rejectsAnAddressOfAnotherNetwork() {
        String main = Address.ofPublicKey(MAIN, Samples.key(3).publicKey()).encode();
        assertTrue(message(main, TEST).contains("another network"));
    }

    @Test
    void rejectsAMissingOrExtraCharacterAndEmptyInput() {
        String good = Address.ofPublicKey(MAIN, Samples.key(3).publicKey()).encode();
        assertTrue(message(good.substring(0, good.length() - 4), MAIN).contains("wrong length"));
        assertTrue(message(good + "zzzz", MAIN).contains("wrong length"));
        assertTrue(message("", MAIN).contains("empty"));
        assertTrue(message(null, MAIN).contains("empty"));
    }

    @Test
    void paysTheHash160OfThePublicKey() {
        // Bitcoin's hash160 of the secp256k1 generator's compressed key: the hash is over bytes, whatever the curve.
        byte[] key = java.util.HexFormat.of().parseHex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertEquals("751e76e8199196d454941c45d1b3a323f1433bd6", KeyHash.of(key).toHex());
    }
}
