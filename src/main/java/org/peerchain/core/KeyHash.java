package org.peerchain.core;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/** The 20-byte hash of a public key that an output pays to: RIPEMD-160 of SHA-256, as in Bitcoin. */
public final class KeyHash {
    public static final int LENGTH = 20;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private KeyHash(byte[] bytes) {
        this.bytes = bytes;
    }

    public static KeyHash wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a key hash is 20 bytes, got " + bytes.length);
        }
        return new KeyHash(bytes.clone());
    }

    public static KeyHash fromHex(String hex) {
        if (hex == null || hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a key hash is 40 hex digits");
        }
        return new KeyHash(HEX.parseHex(hex));
    }

    public static KeyHash of(byte[] publicKey) {
        byte[] sha = Hash.sha256().digest(publicKey);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] out = new byte[LENGTH];
        ripemd.doFinal(out, 0);
        return new KeyHash(out);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyHash k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
