package org.peerchain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class Ed25519KeysTest {
    private static final Hash MESSAGE = Hash.sha256d("pay bob 1 coin".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @Test
    void derivesThePublicKeyOfRfc8032TestVectorOne() {
        HexFormat hex = HexFormat.of();
        Ed25519Keys.KeyPair k = Ed25519Keys.fromPrivateKey(
                hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", hex.formatHex(k.publicKey()));
    }

    @Test
    void aSignatureVerifiesUnderItsKeyAndMessage() {
        Ed25519Keys.KeyPair k = Ed25519Keys.generate(new SecureRandom());
        byte[] sig = Ed25519Keys.sign(k.privateKey(), MESSAGE);
        assertEquals(Ed25519Keys.SIGNATURE_SIZE, sig.length);
        assertTrue(Ed25519Keys.verify(k.publicKey(), MESSAGE, sig));
    }

    @Test
    void signingWithThePairGivesTheSameSignatureAsWithThePrivateKeyAlone() {
        HexFormat hex = HexFormat.of();
        Ed25519Keys.KeyPair k = Ed25519Keys.fromPrivateKey(
                hex.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        // Ed25519 is deterministic: given the public key, the signer must produce exactly what it derives alone.
        byte[] withPair = Ed25519Keys.sign(k, MESSAGE);
        assertArrayEquals(Ed25519Keys.sign(k.privateKey(), MESSAGE), withPair);
        assertTrue(Ed25519Keys.verify(k.publicKey(), MESSAGE, withPair));
    }

    @Test
    void aFlippedBitAnywhereInTheSignatureFailsVerification() {
        Ed25519Keys.KeyPair k = Samples.key(7);
        byte[] sig = Ed25519Keys.sign(k.privateKey(), MESSAGE);
        for (int bit = 0; bit < sig.length * 8; bit += 7) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ed25519Keys.verify(k.publicKey(), MESSAGE, bad), "bit " + bit);
        }
    }

    @Test
    void aSignatureFailsForAnotherMessageOrAnotherKey() {
        Ed25519Keys.KeyPair k = Samples.key(7);
        byte[] sig = Ed25519Keys.sign(k.privateKey(), MESSAGE);
        byte[] msg = MESSAGE.toBytes();
        msg[31] ^= 1;
        assertFalse(Ed25519Keys.verify(k.publicKey(), Hash.wrap(msg), sig));
        assertFalse(Ed25519Keys.verify(Samples.key(8).publicKey(), MESSAGE, sig));
    }

    @Test
    void keysAndSignaturesOfTheWrongSizeNeverVerify() {
        Ed25519Keys.KeyPair k = Samples.key(7);
        byte[] sig = Ed25519Keys.sign(k.privateKey(), MESSAGE);
        assertFalse(Ed25519Keys.verify(Arrays.copyOf(k.publicKey(), 31), MESSAGE, sig));
        assertFalse(Ed25519Keys.verify(k.publicKey(), MESSAGE, Arrays.copyOf(sig, 63)));
        assertFalse(Ed25519Keys.verify(k.publicKey(), MESSAGE, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.fromPrivateKey(new byte[31]));
    }

    @Test
    void signingIsDeterministicAndKeysDiffer() {
        Ed25519Keys.KeyPair k = Samples.key(7);
        assertEquals(HexFormat.of().formatHex(Ed25519Keys.sign(k.privateKey(), MESSAGE)),
                HexFormat.of().formatHex(Ed25519Keys.sign(k.privateKey(), MESSAGE)));
        assertNotEquals(HexFormat.of().formatHex(k.publicKey()), HexFormat.of().formatHex(Samples.key(8).publicKey()));
        assertFalse(k.toString().contains(HexFormat.of().formatHex(k.privateKey())), "the private key is never printed");
    }
}
