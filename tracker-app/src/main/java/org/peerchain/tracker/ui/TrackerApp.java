package org.peerchain.tracker.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.peerchain.tracker.TrackerCommand;
import org.peerchain.tracker.TrackerConfig;

/** The admin window's JavaFX application; started by {@link TrackerLauncher}. */
public final class TrackerApp extends Application {
    private TrackerViewModel model;

    @Override
    public void start(Stage stage) throws Exception {
        TrackerConfig config = TrackerLauncher.initialConfig();
        if (config == null) {
            config = TrackerConfig.defaults(TrackerConfig.DEFAULT_PORT, TrackerCommand.defaultDatabase());
        }
        model = new TrackerViewModel(config, Platform::runLater);
        TrackerWindow.show(stage, model);
        model.start();
    }

    @Override
    public void stop() {
        if (model != null) {
            model.shutdown();
        }
    }
}
