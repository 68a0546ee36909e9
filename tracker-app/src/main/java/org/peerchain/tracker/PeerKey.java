package org.peerchain.tracker;

import java.util.Objects;

/** A registry entry's identity: the network, the address the tracker observed, and the peer's listen port. */
public record PeerKey(String network, String address, int port) {
    public PeerKey {
        Objects.requireNonNull(network);
        Objects.requireNonNull(address);
    }

    @Override
    public String toString() {
        return network + "/" + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
