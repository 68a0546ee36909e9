package org.peerchain.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed events from the node's parts (chain, mempool, miner, peers, wallet) to whoever listens: the RPC
 * server, the P2P relay, the desktop's view-models. Listeners run on the publisher's thread, in order,
 * and must return quickly: a listener that does I/O or touches JavaFX hands the event to its own
 * executor (the desktop's dispatcher coalesces bursts before they reach the FX thread). A listener that
 * throws is logged and the others still run.
 */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private record Subscription<E>(Class<E> type, Consumer<? super E> listener) {
        void offer(Object event) {
            if (type.isInstance(event)) {
                listener.accept(type.cast(event));
            }
        }
    }

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

    /** Subscribes to every event that is an instance of {@code type}; returns a handle that unsubscribes. */
    public <E> AutoCloseable subscribe(Class<E> type, Consumer<? super E> listener) {
        Subscription<E> s = new Subscription<>(type, listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    public void publish(Object event) {
        for (Subscription<?> s : subscriptions) {
            try {
                s.offer(event);
            } catch (RuntimeException e) {
                log.error("A listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
