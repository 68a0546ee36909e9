package org.peerchain.node.api;

/** A banned host (an IP address); times are seconds since 1970. */
public record BanInfo(String address, long bannedUntil, long createdAt, String reason) {
}
