package org.peerchain.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte hash. Shown and parsed as 64 lower-case hex digits in byte order (no reversal, unlike
 * Bitcoin), and compared as a 256-bit big-endian unsigned number for proof of work.
 */
public final class Hash implements Comparable<Hash> {
    public static final int LENGTH = 32;
    public static final Hash ZERO = new Hash(new byte[LENGTH]);
    private static final HexFormat HEX = HexFormat.of();
    private static final MessageDigest PROTOTYPE = newDigest();
    /** Hashing is on every path (txids, merkle roots, headers): one digest per thread, reset for each use. */
    private static final ThreadLocal<MessageDigest> LOCAL_DIGEST = ThreadLocal.withInitial(Hash::newDigest);

    private final byte[] bytes;
    private final int hashCode;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = Arrays.hashCode(bytes);
    }

    public static Hash wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
        }
        return new Hash(bytes.clone());
    }

    /** Parses 64 hex digits; the message names what is wrong with anything else. */
    public static Hash fromHex(String hex) {
        if (hex == null || hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a hash is 64 hex digits, got "
                    + (hex == null ? "nothing" : hex.length() + " characters"));
        }
        try {
            return new Hash(HEX.parseHex(hex.toLowerCase()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a hash is 64 hex digits, got a non-hex character in '" + hex + "'");
        }
    }

    /** SHA-256 applied twice. */
    public static Hash sha256d(byte[] data) {
        return sha256d(data, 0, data.length);
    }

    public static Hash sha256d(byte[] data, int offset, int length) {
        MessageDigest d = LOCAL_DIGEST.get();
        d.reset();
        d.update(data, offset, length);
        byte[] first = d.digest();
        return new Hash(d.digest(first));
    }

    /** A fresh SHA-256 digest (cloned from a prototype: much cheaper than a provider look-up). */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Copies the hash into {@code dest} at {@code offset} without allocating. */
    public void copyTo(byte[] dest, int offset) {
        System.arraycopy(bytes, 0, dest, offset, LENGTH);
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** Unsigned big-endian comparison, the order used for proof of work. */
    @Override
    public int compareTo(Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && hashCode == h.hashCode && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
