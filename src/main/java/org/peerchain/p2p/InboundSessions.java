package org.peerchain.p2p;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.peerchain.p2p.wire.FrameReader;
import org.peerchain.p2p.wire.FrameWriter;
import org.peerchain.p2p.wire.Message;
import org.peerchain.p2p.wire.MessageCatalog;

/**
 * What a {@link PeerListener} hands its connections to once their handshake is complete: the full
 * peer protocol of {@link PeerNetwork}. Without one, the listener only answers pings.
 */
public interface InboundSessions {
    /** Why a connection from {@code remote} is refused (its address is banned), or null to accept it. */
    String refusal(InetAddress remote);

    /** Most inbound connections at once, those still in their handshake included. */
    int maxInbound();

    /**
     * Closes the least useful inbound peer so that a new connection can take its slot (Bitcoin Core's
     * {@code AttemptToEvictConnection}); false when every inbound peer is protected: the newcomer is then refused.
     */
    boolean evictForNewcomer();

    /** Most inbound connections from one address. */
    int maxConnectionsPerIp();

    /** The message kinds a connection decodes once its handshake is complete (before it: the handshake's only). */
    MessageCatalog catalog();

    /**
     * Runs one connection whose handshake is complete until it ends, on the listener's connection thread.
     *
     * @param theirs the remote side's {@code version}
     */
    void run(Socket socket, Message.Version theirs, FrameReader in, FrameWriter out) throws IOException;
}
