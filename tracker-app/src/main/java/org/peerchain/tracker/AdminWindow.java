package org.peerchain.tracker;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The tracker's admin window as the command sees it. The window (package {@code org.peerchain.tracker.ui}, JavaFX)
 * depends on the server and provides this through {@link ServiceLoader}; the server and the command never name
 * the window, so dependencies run one way and a headless tracker loads no JavaFX class.
 */
public interface AdminWindow {
    /** Opens the window with {@code initial} as its settings and starts serving; returns when the window is closed. */
    void open(TrackerConfig initial, boolean dark);

    /** The window of this build, or empty when it has none (JavaFX is not on the class path). */
    static Optional<AdminWindow> find() {
        try {
            return ServiceLoader.load(AdminWindow.class).findFirst();
        } catch (ServiceConfigurationError | LinkageError e) {
            return Optional.empty();
        }
    }
}
