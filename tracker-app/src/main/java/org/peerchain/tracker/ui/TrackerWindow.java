package org.peerchain.tracker.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.net.URL;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Builds the admin window from tracker.fxml and applies the light or dark theme. */
public final class TrackerWindow {
    public static final double WIDTH = 1240;
    public static final double HEIGHT = 760;

    private TrackerWindow() {
    }

    public static void show(Stage stage, TrackerViewModel model) throws IOException {
        show(stage, model, true);
    }

    /** As {@link #show(Stage, TrackerViewModel)}; {@code ownTheme} false leaves the program's theme as it is. */
    static void show(Stage stage, TrackerViewModel model, boolean ownTheme) throws IOException {
        URL fxml = TrackerWindow.class.getResource("/fxml/tracker.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new TrackerController(model));
        Parent root = loader.load();
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(TrackerWindow.class.getResource("/fxml/tracker.css").toExternalForm());
        if (ownTheme) {
            applyTheme(model.darkProperty().get());
            model.darkProperty().addListener((o, was, dark) -> applyTheme(dark));
        }
        stage.setTitle("PeerChain Tracker");
        stage.setScene(scene);
        stage.show();
    }

    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
