package org.peerchain.p2p;

import java.util.Set;

/**
 * Misbehaviour points and their reason codes. A peer's points add up over its connection; at
 * {@link #BAN_THRESHOLD} it is disconnected and its address banned (persisted in the address book).
 */
public final class Misbehaviour {
    public static final int BAN_THRESHOLD = 100;
    /** A frame that breaks the wire rules (oversized, not JSON, a bad field): the peer does not speak the protocol. */
    public static final int BAD_FRAME = 100;
    /** A header or block that breaks a consensus rule (bad proof of work, bad merkle root, ...). */
    public static final int INVALID_BLOCK = 100;
    /** A transaction that breaks a consensus rule (bad signature, ...); policy refusals cost nothing. */
    public static final int INVALID_TX = 100;
    /** Bytes that do not decode as the block or transaction they claim to be. */
    public static final int UNDECODABLE = 100;
    /** A {@code headers} answer whose headers do not follow each other. */
    public static final int NON_CONTINUOUS_HEADERS = 20;
    /** Every {@link #MAX_UNCONNECTING_HEADERS} announcements in a row that do not connect to anything we know. */
    public static final int UNCONNECTING_HEADERS = 20;
    public static final int MAX_UNCONNECTING_HEADERS = 10;
    /**
     * Every {@code PeerNetwork.MAX_REDUNDANT_MESSAGES} unrequested blocks or transactions that brought nothing new
     * (or {@code MAX_UNKNOWN_MESSAGES} frames of unknown type) within a minute: a flood.
     */
    public static final int UNREQUESTED_FLOOD = 20;
    /**
     * Each transaction with missing inputs past the sender's {@link MissingInputsBudget}: ten such in a row after a
     * burst of {@link MissingInputsBudget#BURST} get a flooding peer banned, while an honest peer never comes near.
     */
    public static final int MISSING_INPUTS_FLOOD = 10;
    /** A second {@code version} after the handshake. */
    public static final int DUPLICATE_VERSION = 1;

    public static final String CODE_BAD_FRAME = "bad-frame";
    public static final String CODE_NON_CONTINUOUS = "headers-not-continuous";
    public static final String CODE_UNCONNECTING = "too-many-unconnecting-headers";
    public static final String CODE_UNDECODABLE = "undecodable";
    public static final String CODE_UNREQUESTED_FLOOD = "unrequested-flood";
    public static final String CODE_UNKNOWN_FLOOD = "unknown-message-flood";
    public static final String CODE_MISSING_INPUTS_FLOOD = "missing-inputs-flood";
    /** The mempool's refusal of a transaction whose inputs it cannot find (never created, or already spent). */
    static final String MISSING_INPUTS = "bad-txns-inputs-missingorspent";

    /** Header and block reasons that an honest peer can cause (a clock ahead of ours, an unknown parent). */
    static final Set<String> HARMLESS_BLOCK_REASONS = Set.of("prev-blk-not-found", "time-too-new");
    /** Mempool refusals that say nothing bad of the sender: policy, races, orphans. */
    static final Set<String> HARMLESS_TX_REASONS = Set.of("txn-already-in-mempool", "txn-already-known",
            "txn-mempool-conflict", "min-fee-not-met", "mempool-full", "dust", "bad-txns-inputs-missingorspent",
            "bad-txns-premature-spend-of-coinbase");

    /**
     * Refusals that depend on what the node holds now (a missing parent, an immature coin, the mempool's fee floor or
     * room, a conflict): the same transaction may be taken later, so it is not remembered as rejected (Bitcoin Core
     * keeps such transactions out of its recent-rejects filter too).
     */
    static final Set<String> CONTEXT_DEPENDENT_TX_REASONS = Set.of("bad-txns-inputs-missingorspent",
            "bad-txns-premature-spend-of-coinbase", "min-fee-not-met", "mempool-full", "txn-mempool-conflict");

    private Misbehaviour() {
    }
}
