package org.peerchain.tracker.ui;

import java.util.Objects;
import javafx.application.Application;
import javafx.stage.Stage;
import org.peerchain.tracker.TrackerConfig;
import org.peerchain.ui.fx.FxDispatcher;

/** The admin window's JavaFX application; started by {@link TrackerLauncher} with the command's settings. */
public final class TrackerApp extends Application {
    private TrackerViewModel model;

    @Override
    public void start(Stage stage) throws Exception {
        TrackerConfig config = Objects.requireNonNull(TrackerLauncher.initialConfig(),
                "the admin window is opened through TrackerLauncher, which hands it the settings");
        model = new TrackerViewModel(config, new FxDispatcher());
        model.darkProperty().set(TrackerLauncher.initialDark());
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
