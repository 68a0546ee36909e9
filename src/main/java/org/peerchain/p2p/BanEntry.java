package org.peerchain.p2p;

/** A banned address: until when (seconds since 1970), since when, and why. */
public record BanEntry(String address, long bannedUntil, long createdAt, String reason) {
}
