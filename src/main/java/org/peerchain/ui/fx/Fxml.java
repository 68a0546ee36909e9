package org.peerchain.ui.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a screen's FXML with the controller it was given, and its CSS beside it. */
public final class Fxml {
    private Fxml() {
    }

    /**
     * Loads {@code /fxml/<name>/<name>.fxml} with {@code controller}, which must be of the type the FXML's
     * {@code fx:controller} names (or a subtype): a mismatch is a programming error said in words. The stylesheet
     * {@code <name>.css} beside it is added when present.
     */
    public static Parent load(String name, Object controller) {
        String base = "/fxml/" + name + "/" + name;
        URL fxml = Fxml.class.getResource(base + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("The screen " + name + " has no " + base + ".fxml");
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(base + ".fxml asks for a " + type.getName() + " but was given a "
                        + controller.getClass().getName());
            }
            return controller;
        });
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("The screen " + name + " (" + base + ".fxml) cannot be loaded", e);
        }
        URL css = Fxml.class.getResource(base + ".css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        return root;
    }
}
