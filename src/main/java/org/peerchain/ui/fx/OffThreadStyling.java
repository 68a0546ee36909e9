package org.peerchain.ui.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
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
    /** Where a table keeps the rows it shows while styled off the FX thread (its node properties). */
    private static final String SAMPLE_ROWS = OffThreadStyling.class.getName() + ".sampleRows";

    private OffThreadStyling() {
    }

    /**
     * Rows for {@code table} to show while it is styled off the FX thread, if it has none of its own then: its row
     * cells are made, styled and laid out there, and the table keeps them for its real rows (without this, a table's
     * first rows made the FX thread build them: 100-200 ms for the found blocks on two busy cores). Enough rows to
     * fill it, with text as long as real rows have; none of them is ever shown.
     */
    public static <S> void sampleRows(TableView<S> table, List<S> rows) {
        table.getProperties().put(SAMPLE_ROWS, List.copyOf(rows));
    }

    /** A table showing its sample rows for a while, its own (empty) list put back afterwards. */
    private static final class Rehearsal<S> {
        private final TableView<S> table;
        private final ObservableList<S> own;
        private final ObservableList<S> sample;

        Rehearsal(TableView<S> table, List<S> rows) {
            this.table = table;
            this.own = table.getItems();
            this.sample = FXCollections.observableArrayList(rows);
        }

        void begin() {
            table.setItems(sample);
        }

        /** The sample rows go; the cells made for them stay in the table for its own rows. */
        void clear() {
            sample.clear();
        }

        void end() {
            table.setItems(own);
        }
    }

    @SuppressWarnings("unchecked")
    private static void findRehearsals(Node n, List<Rehearsal<?>> into) {
        if (n instanceof TableView<?> t && t.getProperties().get(SAMPLE_ROWS) instanceof List<?> rows
                && (t.getItems() == null || t.getItems().isEmpty())) {
            into.add(new Rehearsal<>((TableView<Object>) t, (List<Object>) rows));
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                findRehearsals(child, into);
            }
        }
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
        List<Rehearsal<?>> rehearsals = new ArrayList<>();
        try {
            root.applyCss();
            root.layout();
            findRehearsals(view, rehearsals); // after the first styling: a tab pane's skin holds every tab's content
            if (!rehearsals.isEmpty()) {
                rehearsals.forEach(Rehearsal::begin);
                root.applyCss();
                root.layout();
                rehearsals.forEach(Rehearsal::clear);
                root.layout();
            }
        } finally {
            rehearsals.forEach(Rehearsal::end);
            root.getChildren().clear();
        }
    }
}
