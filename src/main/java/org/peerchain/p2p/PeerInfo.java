package org.peerchain.p2p;

/**
 * One connected peer as {@code getpeerinfo} reports it. {@code pingMillis} is -1 before the first pong;
 * times are seconds since 1970.
 */
public record PeerInfo(long id, String address, boolean inbound, int protocolVersion, String nodeId, int listenPort,
                       long startingHeight, long syncedHeaders, long syncedBlocks, double pingMillis, long bytesSent,
                       long bytesReceived, int misbehaviour, long connectedAt, long lastSend, long lastReceive) {
}
