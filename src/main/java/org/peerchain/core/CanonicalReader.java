package org.peerchain.core;

import java.util.Arrays;

/** Reads the canonical binary encoding, failing with a {@link DecodingException} that names the field. */
public final class CanonicalReader {
    private final byte[] data;
    private int pos;

    public CanonicalReader(byte[] data) {
        this.data = data;
    }

    private void need(int n, String field) {
        if (n < 0 || data.length - pos < n) {
            throw new DecodingException(field + ": needs " + n + " bytes at offset " + pos + ", only "
                    + (data.length - pos) + " left");
        }
    }

    public int u8(String field) {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    public long u32(String field) {
        need(4, field);
        long v = ((data[pos] & 0xFFL) << 24) | ((data[pos + 1] & 0xFFL) << 16)
                | ((data[pos + 2] & 0xFFL) << 8) | (data[pos + 3] & 0xFFL);
        pos += 4;
        return v;
    }

    public long i64(String field) {
        long hi = u32(field);
        long lo = u32(field);
        return (hi << 32) | lo;
    }

    /** A compact size that must be minimally encoded and at most {@code max}. */
    public long compactSize(String field, long max) {
        int first = u8(field);
        long v;
        long min;
        if (first < 0xFD) {
            v = first;
            min = 0;
        } else if (first == 0xFD) {
            need(2, field);
            v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            pos += 2;
            min = 0xFD;
        } else if (first == 0xFE) {
            v = u32(field);
            min = 0x10000;
        } else {
            v = i64(field);
            min = 0x100000000L;
        }
        if (v < min) {
            throw new DecodingException(field + ": size " + v + " is not minimally encoded");
        }
        if (v < 0 || v > max) {
            throw new DecodingException(field + ": size " + v + " is over the limit of " + max);
        }
        return v;
    }

    public byte[] raw(int n, String field) {
        need(n, field);
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    public Hash hash(String field) {
        return Hash.wrap(raw(Hash.LENGTH, field));
    }

    public byte[] bytes(String field, int max) {
        int n = (int) compactSize(field + " length", max);
        return raw(n, field);
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return data.length - pos;
    }

    /** Fails if anything is left over: a value is exactly its encoding. */
    public void expectEnd(String what) {
        if (pos != data.length) {
            throw new DecodingException(what + ": " + (data.length - pos) + " trailing bytes after the end");
        }
    }
}
