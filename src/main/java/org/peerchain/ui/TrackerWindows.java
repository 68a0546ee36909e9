package org.peerchain.ui;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javafx.stage.Window;

/**
 * Opens the tracker's admin window on the tracker this program hosts. The window belongs to tracker-app, which sits
 * above the wallet's window code; it provides this through {@link ServiceLoader}, so the wallet never names it and
 * dependencies keep running one way.
 */
public interface TrackerWindows {
    /**
     * Shows the admin window of the tracker serving on {@code port} in this process, beside {@code owner}.
     *
     * @throws IllegalStateException when no tracker serves on that port here
     */
    void showHosted(int port, Window owner);

    /** The admin window of this build, or empty when it has none. */
    static Optional<TrackerWindows> find() {
        try {
            return ServiceLoader.load(TrackerWindows.class).findFirst();
        } catch (ServiceConfigurationError | LinkageError e) {
            return Optional.empty();
        }
    }
}
