package org.peerchain.tracker;

/**
 * Receives every change of the registry, in order, on the thread that made it (while the registry's
 * lock is held): implementations must only record the change and return (the admin window coalesces).
 */
public interface RegistryListener {
    void peerUpdated(PeerRecord peer);

    void peerRemoved(PeerRecord peer, RemovalReason reason);

    /** A line for the operator's log (announce refused, ban, ...). */
    default void event(String message) {
    }
}
