package org.peerchain.core;

/**
 * Writes the canonical binary encoding: big-endian integers and compact-size prefixed byte strings.
 *
 * <p>Into a plain growing array: {@link java.io.ByteArrayOutputStream}'s methods are synchronized, and a lock taken
 * for every byte of every block, undo record and signature hash was the connecting thread's largest single cost.
 * Not thread-safe.
 */
public final class CanonicalWriter {
    private byte[] buf;
    private int count;

    public CanonicalWriter() {
        this(256);
    }

    public CanonicalWriter(int expectedSize) {
        buf = new byte[Math.max(16, expectedSize)];
    }

    private void ensure(int more) {
        int need = count + more;
        if (need > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    public CanonicalWriter u8(int v) {
        ensure(1);
        buf[count++] = (byte) v;
        return this;
    }

    public CanonicalWriter u32(long v) {
        ensure(4);
        byte[] b = buf;
        int c = count;
        b[c] = (byte) (v >>> 24);
        b[c + 1] = (byte) (v >>> 16);
        b[c + 2] = (byte) (v >>> 8);
        b[c + 3] = (byte) v;
        count = c + 4;
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
            u8((int) (v >>> 8));
            return u8((int) v);
        } else if (v <= 0xFFFFFFFFL) {
            u8(0xFE);
            return u32(v);
        }
        u8(0xFF);
        return i64(v);
    }

    public CanonicalWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, count, bytes.length);
        count += bytes.length;
        return this;
    }

    public CanonicalWriter hash(Hash h) {
        ensure(Hash.LENGTH);
        h.copyTo(buf, count);
        count += Hash.LENGTH;
        return this;
    }

    public CanonicalWriter bytes(byte[] bytes) {
        compactSize(bytes.length);
        return raw(bytes);
    }

    public int size() {
        return count;
    }

    public byte[] toByteArray() {
        return java.util.Arrays.copyOf(buf, count);
    }
}
