package org.peerchain.ui.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.Chart;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;

/**
 * Puts a newly built view into the scene a part at a time, one part a pulse, so that the first styling and layout of
 * a whole screen (skins created, selectors matched, text measured: a hundred milliseconds and more on a cold start)
 * is spread over several frames instead of holding one.
 *
 * <p>The parts are the children of the view's spine: the first layout pane with several children reached from the
 * root through a scroll pane's content, a border pane's centre or a pane with a single child. A heavy part that is
 * itself such a pane is split further (twice at most), and the content of a tab pane's hidden tabs comes after the
 * tab pane. Consecutive light parts go in together.
 *
 * <p>The view is split as built from FXML, before any data arrives, and a split pane gets its own children back at
 * the end of its list: a pane whose children a controller replaces (a list of rows) must not be one of those split.
 * In the screens such panes sit deeper than two levels below the spine, inside a scroll pane, or weigh too little.
 */
public final class ProgressiveReveal {
    /** Parts lighter than this (in {@link #weight} units) go into the scene together. */
    static final int PART_WEIGHT = 20;
    /** A part heavier than this that is itself a splittable pane is split into its children. */
    static final int SPLIT_WEIGHT = 25;

    private ProgressiveReveal() {
    }

    /** A part of the view taken out for a while: it knows where it goes back. */
    private interface Piece {
        /** The node it brings back. */
        Node node();

        int weight();

        void detach();

        void restore();
    }

    /** A child of a layout pane: goes back at the end of the pane's children (they go back in their order). */
    private record PaneChild(Pane container, Node node, int weight) implements Piece {
        @Override
        public void detach() {
            container.getChildren().remove(node);
        }

        @Override
        public void restore() {
            if (node.getParent() == null) {
                container.getChildren().add(node);
            }
        }
    }

    /** The content of a tab not selected: a tab pane styles every tab's content, shown or not. */
    private record TabContent(Tab tab, Node node, int weight) implements Piece {
        @Override
        public void detach() {
            tab.setContent(null);
        }

        @Override
        public void restore() {
            if (tab.getContent() == null) {
                tab.setContent(node);
            }
        }
    }

    /**
     * Adds {@code view} to {@code parent} now, its parts detached, and puts them back over the next pulses.
     *
     * @return how many pulses the reveal takes (0: the view went in whole)
     */
    public static int add(Pane parent, Parent view) {
        List<List<Piece>> parts = detach(view);
        parent.getChildren().add(view);
        if (!parts.isEmpty()) {
            new AnimationTimer() {
                private int next;

                @Override
                public void handle(long now) {
                    parts.get(next++).forEach(Piece::restore);
                    if (next == parts.size()) {
                        stop();
                    }
                }
            }.start();
        }
        return parts.size();
    }

    /** Detaches the view's parts and returns them grouped by the pulse they go back in. */
    static List<List<Piece>> detach(Parent view) {
        Pane spine = spine(view);
        List<Piece> pieces = new ArrayList<>();
        if (spine != null) {
            for (Node child : List.copyOf(spine.getChildren())) {
                collect(new PaneChild(spine, child, weight(child)), pieces, 0);
            }
        }
        List<List<Piece>> parts = new ArrayList<>();
        List<Piece> part = new ArrayList<>();
        int partWeight = 0;
        for (Piece p : pieces) {
            int own = ownWeight(p, pieces);
            if (!part.isEmpty() && partWeight + own > PART_WEIGHT) {
                parts.add(part);
                part = new ArrayList<>();
                partWeight = 0;
            }
            part.add(p);
            partWeight += own;
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        if (parts.size() < 2) {
            return List.of(); // one part: nothing to spread
        }
        for (int i = pieces.size() - 1; i >= 0; i--) {
            pieces.get(i).detach();
        }
        return parts;
    }

    /** Adds {@code piece}, then what is split off it: a heavy pane's children, a tab pane's hidden tabs. */
    private static void collect(Piece piece, List<Piece> pieces, int depth) {
        pieces.add(piece);
        Node n = piece.node();
        if (n instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                if (tab != tabs.getSelectionModel().getSelectedItem() && tab.getContent() != null) {
                    collect(new TabContent(tab, tab.getContent(), weight(tab.getContent())), pieces, depth + 1);
                }
            }
        } else if (depth < 2 && piece.weight() > SPLIT_WEIGHT && splittable(n)) {
            Pane inner = (Pane) n;
            for (Node child : List.copyOf(inner.getChildren())) {
                collect(new PaneChild(inner, child, weight(child)), pieces, depth + 1);
            }
        }
    }

    /** What a piece brings into the scene itself, without what is split off it (pieces of their own). */
    private static int ownWeight(Piece p, List<Piece> pieces) {
        int w = p.weight();
        for (Piece q : pieces) {
            if (q != p && isInside(q, p.node())) {
                w -= q.weight();
            }
        }
        return Math.max(1, w);
    }

    /** Whether {@code q} is split directly off {@code owner}. */
    private static boolean isInside(Piece q, Node owner) {
        return q instanceof PaneChild c ? c.container() == owner
                : q instanceof TabContent t && t.tab().getTabPane() == owner;
    }

    private static Pane spine(Parent root) {
        Node n = root;
        for (int depth = 0; depth < 4 && n != null; depth++) {
            if (n instanceof ScrollPane sp) {
                n = sp.getContent();
            } else if (n instanceof BorderPane bp) {
                n = bp.getCenter();
            } else if (n instanceof Pane p && p.getChildren().size() == 1) {
                n = p.getChildren().get(0);
            } else if (n instanceof Pane p && p.getChildren().size() > 1) {
                return p;
            } else {
                return null;
            }
        }
        return null;
    }

    private static boolean splittable(Node n) {
        return n instanceof Pane p && !(n instanceof BorderPane) && p.getChildren().size() > 1;
    }

    /**
     * A rough cost of styling and laying out {@code n} the first time: virtualised lists and charts build many nodes
     * in their skins; text fields and spinners a few; labels and plain panes one each.
     */
    static int weight(Node n) {
        if (n instanceof TableView<?> || n instanceof TreeTableView<?> || n instanceof ListView<?> || n instanceof Chart) {
            return 30;
        }
        if (n instanceof TabPane tabs) {
            int w = 5;
            for (Tab tab : tabs.getTabs()) {
                w += tab.getContent() == null ? 0 : weight(tab.getContent());
            }
            return w;
        }
        if (n instanceof TextInputControl || n instanceof Spinner<?> || n instanceof ComboBoxBase<?>) {
            return 4;
        }
        if (n instanceof ScrollPane sp) {
            return 2 + (sp.getContent() == null ? 0 : weight(sp.getContent()));
        }
        if (n instanceof Control) {
            return 1;
        }
        int w = 1;
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                w += weight(child);
            }
        }
        return w;
    }
}
