package org.peerchain.node.api;

/**
 * One connected peer. {@code pingMillis} is -1 before the first pong; times are milliseconds since 1970
 * ({@code lastSendMillis} and {@code lastReceiveMillis} 0 before the first frame).
 *
 * @param host           the peer's IP address, what a ban takes
 * @param height         the best height the peer has shown us (its handshake or the blocks it announced since)
 * @param startingHeight the height it told us in the handshake
 * @param syncedHeaders  the highest header it has shown us
 * @param syncedBlocks   the highest block it sent us, -1 before the first
 * @param listenPort     the port it takes connections on, 0 when it takes none
 */
public record PeerStats(long id, String address, String host, boolean inbound, PeerSource source, int protocolVersion,
        long height, double pingMillis, long bytesReceived, long bytesSent, long connectedAtMillis, int misbehaviour,
        String nodeId, int listenPort, long startingHeight, long syncedHeaders, long syncedBlocks, long lastSendMillis,
        long lastReceiveMillis) {
}
