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
        Parent root = loadFile(base + ".fxml", controller);
        URL css = Fxml.class.getResource(base + ".css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        return root;
    }

    /** Loads one FXML resource ({@code /fxml/main.fxml}) with {@code controller}, checked as {@link #load} does. */
    public static Parent loadFile(String resource, Object controller) {
        String base = resource;
        URL fxml = Fxml.class.getResource(resource);
        if (fxml == null) {
            throw new IllegalStateException("There is no " + resource);
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(base + " asks for a " + type.getName() + " but was given a "
                        + controller.getClass().getName());
            }
            return controller;
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " cannot be loaded", e);
        }
    }
}
