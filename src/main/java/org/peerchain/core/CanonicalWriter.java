package org.peerchain.core;

import java.io.ByteArrayOutputStream;

/** Writes the canonical binary encoding: big-endian integers and compact-size prefixed byte strings. */
public final class CanonicalWriter {
    private final ByteArrayOutputStream out;

    public CanonicalWriter() {
        this(256);
    }

    public CanonicalWriter(int expectedSize) {
        out = new ByteArrayOutputStream(expectedSize);
    }

    public CanonicalWriter u8(int v) {
        out.write(v);
        return this;
    }

    public CanonicalWriter u32(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    public CanonicalWriter i64(long v) {
        u32(v >>> 32);
        return u32(v);
    }

    /** Bitcoin's compact size: 1, 3, 5 or 9 bytes, here with big-endian payloads. */
    public CanonicalWriter compactSize(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative size " + v);
        }
        if (v < 0xFD) {
            return u8((int) v);
        } else if (v <= 0xFFFF) {
            u8(0xFD);
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        } else if (v <= 0xFFFFFFFFL) {
            u8(0xFE);
            return u32(v);
        }
        u8(0xFF);
        return i64(v);
    }

    public CanonicalWriter raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public CanonicalWriter hash(Hash h) {
        byte[] b = new byte[Hash.LENGTH];
        h.copyTo(b, 0);
        return raw(b);
    }

    public CanonicalWriter bytes(byte[] bytes) {
        compactSize(bytes.length);
        return raw(bytes);
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
