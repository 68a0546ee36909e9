package org.peerchain.p2p;

/**
 * One connected peer as {@code getpeerinfo} reports it. {@code pingMillis} is -1 before the first pong;
 * times are seconds since 1970. {@code height} is the best height the peer has shown us: its handshake height or
 * the height of a block or header it announced or sent since, whichever is higher.
 */
public record PeerInfo(long id, String address, boolean inbound, int protocolVersion, String nodeId, int listenPort,
                       long startingHeight, long syncedHeaders, long syncedBlocks, double pingMillis, long bytesSent,
                       long bytesReceived, int misbehaviour, long connectedAt, long lastSend, long lastReceive,
                       PeerOrigin origin, long height) {
    /** The peer's IP address, without the port. */
    public String host() {
        int colon = address.lastIndexOf(':');
        String h = colon < 0 ? address : address.substring(0, colon);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
