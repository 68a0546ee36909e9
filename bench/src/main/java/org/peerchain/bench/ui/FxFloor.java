package org.peerchain.bench.ui;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Background;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.controlsfx.control.Notifications;
import org.peerchain.mining.HashLoad;

/**
 * {@code peerchain bench ui-floor}: what a bare JavaFX window costs on this machine, as a floor under
 * {@code bench ui}'s stall figures. The window is the wallet's size and holds nothing of PeerChain's: stock controls
 * in JavaFX's own theme. After five idle seconds and three in which its content is drawn anew at every frame, it opens
 * five screens in turn, a second each, each built off the FX
 * thread when first opened (a table of 50 rows; a line chart of two 600-point series; three tabs of tables; a form of
 * 30 fields; another table), shows a ControlsFX notification, then opens them all again and shows another.
 *
 * <p>Each case runs in a new JVM, as a user's start would: {@code idle-cores}; {@code hashing}, with one thread per
 * core hashing at the miners' priority ({@link HashLoad}) as mining on every core does; and
 * {@code hashing-prestyled}, the screens also styled and laid out once off the FX thread before they go in. That
 * last case is a measurement only: in JavaFX 21 it races with the FX thread's own text measurement (the controls share
 * one text layout, JDK-8347392, fixed in JavaFX 24), so the wallet does not do it. Gaps between FX pulses are noted as in {@code bench ui}: each first opening's
 * longest gap, the longest gap after opening a screen already built, and the 99th percentile and longest over the
 * idle seconds, the first round, the second and the whole run.
 *
 * <p>The wallet's window does all of this and more, with its node syncing and connecting blocks besides, so its own
 * figures in {@code bench ui} cannot be expected below what this window measures here.
 */
public final class FxFloor {
    static final String REPORT = "floor-report ";
    private static final List<String> CASES = List.of("idle-cores", "hashing", "hashing-prestyled");
    private static final long CHILD_TIMEOUT_MILLIS = 5 * 60 * 1000L;
    private static final long DWELL_MILLIS = 1_000;
    private static final long IDLE_MILLIS = 5_000;
    /** How long the window is drawn anew at every frame, after the idle seconds. */
    private static final long REPAINT_MILLIS = 3_000;
    private static final int ROWS = 50;
    /** The size of the window's content area beside its rail. */
    private static final double CONTENT_WIDTH = 1000;
    private static final double CONTENT_HEIGHT = 720;

    private FxFloor() {
    }

    /** Runs each case in a new JVM and prints what each measured, the headline figures last. */
    public static void run(PrintStream out) throws IOException, InterruptedException {
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (String c : CASES) {
            out.printf("Case %s: a new JVM with a bare JavaFX window...%n", c);
            results.put(c, runChild(out, c));
        }
        out.println();
        for (String c : CASES) {
            Map<String, String> r = results.get(c);
            for (Map.Entry<String, String> e : r.entrySet()) {
                out.printf("floor_%s_%s: %s%n", c.replace('-', '_'), e.getKey(), e.getValue());
            }
        }
    }

    private static Map<String, String> runChild(PrintStream out, String c) throws IOException, InterruptedException {
        ChildJvm.Result r = ChildJvm.run(FxFloor.class, List.of(c), REPORT, line -> out.println("  " + line),
                CHILD_TIMEOUT_MILLIS);
        if (r.exitCode() != 0 || r.report().isEmpty()) {
            throw new IllegalStateException("the " + c + " case exited with " + r.exitCode() + " and reported "
                    + r.report());
        }
        return r.report();
    }

    /** One case, in its own JVM: {@code idle-cores} or {@code hashing}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !CASES.contains(args[0])) {
            throw new IllegalArgumentException("give one case: " + CASES);
        }
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        StackPane content = new StackPane(new Label("A bare JavaFX window"));
        Stage stage = FxThread.call(() -> {
            Stage s = new Stage();
            BorderPane root = new BorderPane(content);
            VBox rail = new VBox(8, new Button("Table"), new Button("Chart"), new Button("Tabs"), new Button("Form"));
            rail.setPadding(new Insets(12));
            root.setLeft(rail);
            s.setScene(new Scene(root, 1100, 720));
            s.setTitle("JavaFX floor");
            s.show();
            return s;
        });
        HashLoad load = args[0].startsWith("hashing") ? HashLoad.start(Runtime.getRuntime().availableProcessors()) : null;
        boolean prestyle = args[0].endsWith("-prestyled");
        try {
            FxPulses pulses = FxPulses.install();
            Thread.sleep(IDLE_MILLIS);
            long repaintFrom = System.nanoTime();
            // the content's background changes colour at every pulse: the window is drawn anew each frame
            AnimationTimer repaint = FxThread.call(() -> {
                AnimationTimer t = new AnimationTimer() {
                    private int frame;

                    @Override
                    public void handle(long now) {
                        frame++;
                        content.setBackground(Background.fill(Color.gray(0.85 + 0.1 * (frame % 2))));
                    }
                };
                t.start();
                return t;
            });
            Thread.sleep(REPAINT_MILLIS);
            FxThread.call(() -> {
                repaint.stop();
                content.setBackground(null);
                return null;
            });
            long idleEnd = System.nanoTime();
            List<Supplier<Node>> screens = List.of(FxFloor::table, FxFloor::chart, FxFloor::tabs, FxFloor::form,
                    () -> tableOf(ROWS, 8));
            List<String> names = List.of("table", "chart", "tabs", "form", "another_table");
            Node[] built = new Node[screens.size()];
            List<Long> firstOpen = new ArrayList<>();
            List<Long> reopen = new ArrayList<>();
            long warmFrom = 0;
            for (int round = 0; round < 2; round++) {
                if (round == 1) {
                    warmFrom = System.nanoTime();
                }
                for (int i = 0; i < screens.size(); i++) {
                    int k = i;
                    if (built[k] == null) {
                        built[k] = screens.get(k).get(); // off the FX thread, as the wallet builds its screens
                        if (prestyle) { // as the wallet's screens are (the same steps, without its stylesheets)
                            Scene off = new Scene(new StackPane(built[k]), CONTENT_WIDTH, CONTENT_HEIGHT);
                            off.getRoot().applyCss();
                            off.getRoot().layout();
                            ((StackPane) off.getRoot()).getChildren().clear();
                        }
                    }
                    (round == 0 ? firstOpen : reopen).add(System.nanoTime());
                    Platform.runLater(() -> {
                        if (built[k].getParent() == null) {
                            content.getChildren().add(built[k]);
                        }
                        content.getChildren().forEach(n -> n.setVisible(n == built[k]));
                    });
                    Thread.sleep(DWELL_MILLIS);
                }
                if (round == 0) {
                    firstOpen.add(System.nanoTime());
                }
                Platform.runLater(() -> Notifications.create().owner(stage).title("A block was found")
                        .text("Height 1,234 was found by this node").hideAfter(javafx.util.Duration.seconds(3))
                        .showInformation());
                Thread.sleep(DWELL_MILLIS);
            }
            String attribution = pulses.stallReport(8);
            long[] times = pulses.stop();
            FxThread.call(() -> {
                stage.close();
                return null;
            });
            System.out.println("What the FX thread was doing in late pulses: " + attribution);
            double[] idle = PulseGaps.p99AndMax(times, times[0], repaintFrom);
            double[] repainting = PulseGaps.p99AndMax(times, repaintFrom, idleEnd);
            double[] opening = PulseGaps.p99AndMax(times, idleEnd, warmFrom);
            double[] warm = PulseGaps.p99AndMax(times, warmFrom, Long.MAX_VALUE);
            double[] all = PulseGaps.p99AndMax(times, times[0], Long.MAX_VALUE);
            report("idle_p99_ms", idle[0]);
            report("idle_max_ms", idle[1]);
            report("repaint_p99_ms", repainting[0]);
            report("repaint_max_ms", repainting[1]);
            for (int i = 0; i < firstOpen.size(); i++) {
                String name = i < names.size() ? names.get(i) : "notification";
                report("first_" + name + "_ms", PulseGaps.longest(times, firstOpen.get(i), firstOpen.get(i) + 1_000_000_000L));
            }
            double switchMax = 0;
            for (long t : reopen) {
                switchMax = Math.max(switchMax, PulseGaps.longest(times, t, t + 1_000_000_000L));
            }
            report("built_switch_max_ms", switchMax);
            report("first_round_p99_ms", opening[0]);
            report("first_round_max_ms", opening[1]);
            report("warm_p99_ms", warm[0]);
            report("warm_max_ms", warm[1]);
            report("p99_ms", all[0]);
            report("max_ms", all[1]);
        } finally {
            if (load != null) {
                load.close();
            }
            Platform.exit();
        }
    }

    private static void report(String name, double millis) {
        System.out.printf("%s%s=%.1f%n", REPORT, name, millis);
    }

    private record Row(String[] cells) {
    }

    private static TableView<Row> tableOf(int rows, int columns) {
        TableView<Row> table = new TableView<>();
        for (int c = 0; c < columns; c++) {
            int k = c;
            TableColumn<Row, String> col = new TableColumn<>("Column " + (c + 1));
            col.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().cells()[k]));
            table.getColumns().add(col);
        }
        List<Row> items = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String[] cells = new String[columns];
            for (int c = 0; c < columns; c++) {
                cells[c] = String.format("%,d", (r + 1) * 1_000 + c * 37);
            }
            items.add(new Row(cells));
        }
        table.setItems(FXCollections.observableArrayList(items));
        return table;
    }

    private static Node table() {
        Label title = new Label("Blocks");
        title.setStyle("-fx-font-size: 20px");
        VBox box = new VBox(8, title, new TextField(), tableOf(ROWS, 8));
        box.setPadding(new Insets(16));
        return box;
    }

    private static Node chart() {
        LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        for (int s = 0; s < 2; s++) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName("Series " + (s + 1));
            for (int i = 0; i < 600; i++) {
                series.getData().add(new XYChart.Data<>(i, 1_000 + 200 * Math.sin(i / 30.0 + s)));
            }
            chart.getData().add(series);
        }
        VBox box = new VBox(8, new Label("Hash rate"), chart, new Button("Start"));
        box.setPadding(new Insets(16));
        return box;
    }

    private static Node tabs() {
        TabPane pane = new TabPane();
        for (int t = 0; t < 3; t++) {
            Tab tab = new Tab("Tab " + (t + 1), tableOf(30, 5));
            tab.setClosable(false);
            pane.getTabs().add(tab);
        }
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "Item " + i).toList()));
        list.setPrefHeight(160);
        VBox box = new VBox(8, pane, list);
        box.setPadding(new Insets(16));
        return box;
    }

    private static Node form() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        for (int r = 0; r < 30; r++) {
            grid.add(new Label("Field " + (r + 1)), 0, r);
            Node field = switch (r % 3) {
                case 0 -> new TextField("value " + r);
                case 1 -> new ComboBox<>(FXCollections.observableArrayList("one", "two", "three"));
                default -> new CheckBox("on");
            };
            grid.add(field, 1, r);
        }
        VBox box = new VBox(8, grid, new Button("Save"));
        box.setAlignment(Pos.TOP_LEFT);
        box.setPadding(new Insets(16));
        return box;
    }
}
