package org.peerchain.node.api;

/**
 * One connected peer. {@code pingMillis} is -1 before the first pong; times are milliseconds since 1970.
 *
 * @param height the best height the peer has shown us (its handshake or the blocks it announced since)
 */
public record PeerStats(long id, String address, boolean inbound, PeerSource source, int protocolVersion, long height,
        double pingMillis, long bytesReceived, long bytesSent, long connectedAtMillis, int misbehaviour) {
}
