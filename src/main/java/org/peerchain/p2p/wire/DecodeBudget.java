package org.peerchain.p2p.wire;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * Bytes of large frames that may be read and decoded at once across every connection. Decoding a frame's JSON takes
 * several times its size for a moment (a 500 KB inventory about 2.5 MB), and each connection has its own reader
 * thread: a hundred peers sending their largest frames together would otherwise hold hundreds of megabytes at once.
 * A large frame waits here for room before its body is read (the sender waits on TCP meanwhile) and keeps it until its
 * reader asks for the next frame, so the decoded message is counted while it is handled; small frames (pings,
 * announcements, headers of a new block) never wait, so a flood of large frames cannot delay an honest peer's ping.
 * Bitcoin Core bounds the same with one message-handling thread and a per-peer receive buffer.
 */
public final class DecodeBudget {
    /** Frames up to this size are read without waiting. */
    public static final int SMALL_FRAME_BYTES = 16 * 1024;
    /** Large-frame bytes decoded at once, by default: room for the largest frame (a block) and a few inventories. */
    public static final int DEFAULT_BYTES = 8 * 1024 * 1024;

    private final int capacity;
    private final Semaphore room;

    public DecodeBudget(int capacity) {
        if (capacity < SMALL_FRAME_BYTES) {
            throw new IllegalArgumentException("a decode budget below " + SMALL_FRAME_BYTES + " bytes");
        }
        this.capacity = capacity;
        this.room = new Semaphore(capacity, true);
    }

    /** What a frame of {@code length} bytes takes (0 for a small frame; the whole budget at most). */
    int cost(int length) {
        return length <= SMALL_FRAME_BYTES ? 0 : Math.min(length, capacity);
    }

    void acquire(int cost) throws InterruptedIOException {
        if (cost > 0) {
            try {
                room.acquire(cost);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to decode a frame");
            }
        }
    }

    void release(int cost) {
        if (cost > 0) {
            room.release(cost);
        }
    }

    /** Bytes free now (for tests and diagnostics). */
    public int available() {
        return room.availablePermits();
    }
}
