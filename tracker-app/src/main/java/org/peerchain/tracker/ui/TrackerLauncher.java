package org.peerchain.tracker.ui;

import javafx.application.Application;
import org.peerchain.tracker.AdminWindow;
import org.peerchain.tracker.TrackerConfig;

/**
 * Opens the admin window for {@code peerchain tracker}, which finds it as the {@link AdminWindow} of this build
 * (META-INF/services). Deliberately not an {@code Application} subclass: JavaFX is loaded only once a window is
 * asked for.
 */
public final class TrackerLauncher implements AdminWindow {
    private static volatile TrackerConfig initialConfig;
    private static volatile boolean initialDark;

    @Override
    public void open(TrackerConfig initial, boolean dark) {
        initialConfig = initial;
        initialDark = dark;
        Application.launch(TrackerApp.class);
    }

    static boolean initialDark() {
        return initialDark;
    }

    static TrackerConfig initialConfig() {
        return initialConfig;
    }
}
