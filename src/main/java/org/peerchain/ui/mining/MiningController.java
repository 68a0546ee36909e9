package org.peerchain.ui.mining;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.peerchain.node.api.FoundBlock;
import org.peerchain.ui.fx.Formats;

/** Wires the Mining screen to its view-model: bindings and handlers only. */
public final class MiningController {
    private static final String START_ICON = "mdi2p-play";
    private static final String STOP_ICON = "mdi2s-stop";
    private static final int EXPLORE_CLICKS = 2;

    private final MiningViewModel model;
    /** Keeps a payout address chosen at Start in the settings. */
    private final java.util.function.Consumer<String> rememberPayout;
    /** Set while the spinner is moved to the model's value, so that the move is not sent back as a command. */
    private boolean followingModel;

    @FXML
    private Button miningButton;
    @FXML
    private FontIcon miningIcon;
    @FXML
    private Label stateLabel;
    @FXML
    private Spinner<Integer> threadSpinner;
    @FXML
    private Label coresLabel;
    @FXML
    private Label problemLabel;
    @FXML
    private Label commandErrorLabel;
    @FXML
    private Label hashRateLabel;
    @FXML
    private Label difficultyLabel;
    @FXML
    private Label expectedTimeLabel;
    @FXML
    private Label dailyChanceLabel;
    @FXML
    private Label foundCountLabel;
    @FXML
    private Label lostCountLabel;
    @FXML
    private LineChart<Number, Number> rateChart;
    @FXML
    private NumberAxis timeAxis;
    @FXML
    private NumberAxis rateAxis;
    @FXML
    private TextField payoutField;
    @FXML
    private Button copyButton;
    @FXML
    private CheckBox pauseCheck;
    @FXML
    private TableView<FoundBlock> foundTable;
    @FXML
    private TableColumn<FoundBlock, Number> heightColumn;
    @FXML
    private TableColumn<FoundBlock, FoundBlock> timeColumn;
    @FXML
    private TableColumn<FoundBlock, FoundBlock> rewardColumn;
    @FXML
    private TableColumn<FoundBlock, FoundBlock> stateColumn;
    @FXML
    private TableColumn<FoundBlock, FoundBlock> hashColumn;

    MiningController(MiningViewModel model, java.util.function.Consumer<String> rememberPayout) {
        this.model = model;
        this.rememberPayout = rememberPayout;
    }

    @FXML
    private void initialize() {
        bindButton();
        bindThreads();
        showWhenNotEmpty(problemLabel);
        showWhenNotEmpty(commandErrorLabel);
        problemLabel.textProperty().bind(model.problemProperty());
        commandErrorLabel.textProperty().bind(model.commandErrorProperty());
        hashRateLabel.textProperty().bind(model.hashRateProperty());
        difficultyLabel.textProperty().bind(model.difficultyProperty());
        expectedTimeLabel.textProperty().bind(model.expectedTimeProperty());
        dailyChanceLabel.textProperty().bind(model.dailyChanceProperty());
        foundCountLabel.textProperty().bind(model.foundCountProperty());
        lostCountLabel.textProperty().bind(model.lostCountProperty());
        payoutField.textProperty().bind(model.payoutAddressProperty());
        payoutField.setPromptText("No address to mine to yet");
        copyButton.disableProperty().bind(model.payoutAddressProperty().isEmpty());
        pauseCheck.selectedProperty().addListener((o, was, now) -> model.setPauseWhileSyncing(now));
        model.pauseWhileSyncingProperty().addListener((o, was, now) -> pauseCheck.setSelected(now));
        bindChart();
        bindTable();
    }

    private void bindButton() {
        miningButton.getStyleClass().add(Styles.LARGE);
        miningButton.textProperty().bind(model.buttonTextProperty());
        miningButton.disableProperty().bind(model.busyProperty());
        stateLabel.textProperty().bind(model.stateTextProperty());
        model.onProperty().addListener((o, was, on) -> showOn(on));
        showOn(model.onProperty().get());
    }

    /** Accent green-blue to start, red to stop, with the matching icon. */
    private void showOn(boolean on) {
        miningButton.getStyleClass().removeAll(Styles.ACCENT, Styles.DANGER);
        miningButton.getStyleClass().add(on ? Styles.DANGER : Styles.ACCENT);
        miningIcon.setIconLiteral(on ? STOP_ICON : START_ICON);
    }

    private void bindThreads() {
        SpinnerValueFactory.IntegerSpinnerValueFactory threads =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Math.max(1, model.maxThreadsProperty().get()),
                        model.threadsProperty().get());
        threadSpinner.setValueFactory(threads);
        threads.maxProperty().bind(model.maxThreadsProperty());
        threads.valueProperty().addListener((o, was, now) -> {
            if (!followingModel && now != null) {
                model.setThreads(now);
            }
        });
        model.threadsProperty().addListener((o, was, now) -> {
            followingModel = true;
            try {
                threads.setValue(now.intValue());
            } finally {
                followingModel = false;
            }
        });
        coresLabel.textProperty().bind(model.maxThreadsProperty().asString("of %d cores"));
    }

    private void bindChart() {
        rateChart.setData(model.rateSeries());
        timeAxis.lowerBoundProperty().bind(model.chartFromProperty());
        timeAxis.upperBoundProperty().bind(model.chartToProperty());
        // the ticks stand a minute apart back from the right edge, which is the newest sample: "3 min ago" ... "now"
        timeAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return Formats.minutesAgo(Math.round(seconds.doubleValue() * 1000),
                        Math.round(timeAxis.getUpperBound() * 1000));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        });
        rateAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number rate) {
                return Formats.hashRate(rate.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the rate axis is not edited");
            }
        });
    }

    private void bindTable() {
        foundTable.setItems(model.foundBlocks());
        foundTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label empty = new Label(MiningViewModel.NO_BLOCKS_YET);
        empty.getStyleClass().add("empty-found");
        foundTable.setPlaceholder(empty);
        heightColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().height()));
        heightColumn.setCellFactory(c -> textCell(h -> Formats.count(h.longValue())));
        timeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        timeColumn.setCellFactory(c -> textCell(b -> Formats.dateTime(b.time())));
        rewardColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        rewardColumn.setCellFactory(c -> textCell(b -> Formats.amount(b.reward())));
        stateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        stateColumn.setCellFactory(c -> new StateCell());
        hashColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        hashColumn.setCellFactory(c -> new ExploreCell());
        foundTable.setRowFactory(t -> {
            TableRow<FoundBlock> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == EXPLORE_CLICKS && !row.isEmpty()) {
                    model.explore(row.getItem());
                }
            });
            return row;
        });
    }

    private static void showWhenNotEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private static <T> TableCell<FoundBlock, T> textCell(java.util.function.Function<T, String> text) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    /** The fate in words, coloured: muted while immature, green once mature, red when lost. */
    private static final class StateCell extends TableCell<FoundBlock, FoundBlock> {
        private static final String[] STYLES = {"found-immature", "found-mature", "found-lost"};

        @Override
        protected void updateItem(FoundBlock b, boolean empty) {
            super.updateItem(b, empty);
            getStyleClass().removeAll(STYLES);
            if (empty || b == null) {
                setText(null);
                return;
            }
            setText(MiningViewModel.stateText(b));
            getStyleClass().add(switch (b.state()) {
                case IMMATURE -> STYLES[0];
                case MATURE -> STYLES[1];
                case STALE, REORGANISED_AWAY -> STYLES[2];
            });
        }
    }

    /** The block's hash, shortened, as a link into the explorer. */
    private final class ExploreCell extends TableCell<FoundBlock, FoundBlock> {
        private final Hyperlink link = new Hyperlink();

        ExploreCell() {
            link.setOnAction(e -> {
                FoundBlock b = getItem();
                if (b != null) {
                    model.explore(b);
                }
            });
        }

        @Override
        protected void updateItem(FoundBlock b, boolean empty) {
            super.updateItem(b, empty);
            if (empty || b == null) {
                setGraphic(null);
                return;
            }
            link.setText(Formats.shortHash(b.hash().toHex()));
            setGraphic(link);
        }
    }

    @FXML
    private void toggleMining() {
        if (model.needsPayoutChoice()) {
            askForPayout("", "");
        } else {
            model.toggleMining();
        }
    }

    private void askForPayout(String typed, String problem) {
        PayoutDialog.ask(miningButton.getScene().getWindow(), typed, problem).ifPresent(choice -> {
            if (choice instanceof PayoutDialog.Choice.Address a) {
                model.startMiningTo(a.address(), rememberPayout, why -> askForPayout(a.address(), why));
            } else {
                model.startMiningToNodeKey();
            }
        });
    }

    @FXML
    private void useOneThread() {
        model.useOneThread();
    }

    @FXML
    private void useHalfTheCores() {
        model.useHalfTheCores();
    }

    @FXML
    private void useAllCores() {
        model.useAllCores();
    }

    @FXML
    private void copyPayoutAddress() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.payoutAddressProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
    }
}
