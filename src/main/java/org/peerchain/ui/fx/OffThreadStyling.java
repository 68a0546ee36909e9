package org.peerchain.ui.fx;

import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Styles and lays out a newly built view once on the thread that built it, before it goes into the window, in a scene
 * of its own that looks like the window's (its stylesheets, its root's style and classes, its size).
 *
 * <p>A control's first styling is where its skin is made (a table's columns, headers, scroll bars and flow, a chart's
 * axes and plot) and its first layout is where a table makes its cells: on this toolkit's cold code paths that costs
 * a stock table of 50 rows 400-800 ms of the FX thread on two cores ({@code bench ui-floor}). Done here, the skins
 * and cells come with the view; in the window the FX thread styles and lays it out again, which costs a tenth of that.
 *
 * <p>JavaFX allows this: a scene may be built and changed on any thread until it is in a window, and the style
 * manager's shared caches take a lock. The view must not be in a scene, and nothing may change it meanwhile (its
 * screen is not yet active).
 */
public final class OffThreadStyling {
    private OffThreadStyling() {
    }

    /**
     * How the window looks where a view will go: read on the FX thread, used on another.
     *
     * @param stylesheets the window scene's stylesheets
     * @param rootStyle the window root's inline style (the text size)
     * @param rootClasses the window root's style classes
     */
    public record Look(List<String> stylesheets, String rootStyle, List<String> rootClasses, double width,
            double height) {
        /** How the window holding {@code place} looks, at the size of {@code place} (call on the FX thread). */
        public static Look of(Region place) {
            Scene scene = place.getScene();
            if (scene == null) {
                return new Look(List.of(), "", List.of(), place.getWidth(), place.getHeight());
            }
            Parent root = scene.getRoot();
            return new Look(List.copyOf(scene.getStylesheets()), root.getStyle() == null ? "" : root.getStyle(),
                    List.copyOf(root.getStyleClass()), place.getWidth(), place.getHeight());
        }
    }

    /**
     * Styles and lays out {@code view} as it would look in the window {@code look} describes, on the calling thread,
     * and leaves it outside any scene again.
     *
     * @throws IllegalArgumentException if {@code view} is in a scene or has a parent
     */
    public static void style(Parent view, Look look) {
        if (view.getScene() != null || view.getParent() != null) {
            throw new IllegalArgumentException("a view styled off the FX thread must not be in a scene yet");
        }
        StackPane root = new StackPane(view);
        root.setStyle(look.rootStyle());
        root.getStyleClass().setAll(look.rootClasses());
        Scene scene = new Scene(root, Math.max(1, look.width()), Math.max(1, look.height()));
        scene.getStylesheets().setAll(look.stylesheets());
        try {
            root.applyCss();
            root.layout();
        } finally {
            root.getChildren().clear();
        }
    }
}
