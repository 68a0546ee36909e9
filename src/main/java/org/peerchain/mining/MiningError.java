package org.peerchain.mining;

import java.time.Instant;

/**
 * Something that went wrong while mining, with a stable reason code and the words to show a user.
 *
 * @param reason one of the constants below
 * @param message what happened, in words
 * @param cause the exception behind it, or null
 */
public record MiningError(String reason, String message, Throwable cause, Instant time) {
    /** The work source threw. */
    public static final String WORK_SOURCE_FAILED = "work-source-failed";
    /** A template's compact target cannot be decoded. */
    public static final String BAD_TARGET = "bad-target";
    /** The work could not turn a solved header into a block, or gave a block with another header. */
    public static final String BLOCK_ASSEMBLY_FAILED = "block-assembly-failed";
    /** The block sink refused or failed on a found block. */
    public static final String BLOCK_SINK_FAILED = "block-sink-failed";
    /** The fast hasher claimed a solution that the plain double SHA-256 does not confirm. */
    public static final String FAST_HASH_MISMATCH = "fast-hash-mismatch";
    /** A mining thread died of an unexpected exception. */
    public static final String WORKER_CRASHED = "worker-crashed";

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
