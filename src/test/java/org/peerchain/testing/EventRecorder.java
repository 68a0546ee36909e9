package org.peerchain.testing;

import java.util.ArrayList;
import java.util.List;
import org.peerchain.events.EventBus;

/** Records every event published on a bus, in order, from the moment it is created. */
public final class EventRecorder implements AutoCloseable {
    private final List<Object> events = new ArrayList<>();
    private final AutoCloseable subscription;

    public EventRecorder(EventBus bus) {
        subscription = bus.subscribe(Object.class, e -> {
            synchronized (events) {
                events.add(e);
            }
        });
    }

    public List<Object> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public <E> List<E> of(Class<E> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        synchronized (events) {
            events.clear();
        }
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
