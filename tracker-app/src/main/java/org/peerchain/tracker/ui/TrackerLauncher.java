package org.peerchain.tracker.ui;

import javafx.application.Application;
import org.peerchain.tracker.TrackerCommand;
import org.peerchain.tracker.TrackerConfig;

/**
 * Starts the admin window. Deliberately not an {@code Application} subclass, so it can be the main
 * class of a jar or installer launcher with JavaFX on the class path.
 */
public final class TrackerLauncher {
    private static volatile TrackerConfig initialConfig;

    private TrackerLauncher() {
    }

    public static void main(String[] args) {
        System.exit(TrackerCommand.run(args));
    }

    /** Opens the window with {@code config} as the initial settings; returns when the window is closed. */
    public static void launch(TrackerConfig config) {
        initialConfig = config;
        Application.launch(TrackerApp.class);
    }

    static TrackerConfig initialConfig() {
        return initialConfig;
    }
}
