package org.peerchain.node.api;

/** A handle on an event subscription; closing it unsubscribes. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
