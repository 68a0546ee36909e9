package org.peerchain.tracker.ui;

import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.peerchain.tracker.PeerKey;
import org.peerchain.tracker.PeerRecord;
import org.peerchain.tracker.PeerState;
import org.peerchain.ui.fx.Formats;

/** Wiring of tracker.fxml to {@link TrackerViewModel}: bindings and handlers; numbers become text through {@link Formats}. */
public final class TrackerController {
    private final TrackerViewModel model;

    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private TextField portField;
    @FXML private TextField databaseField;
    @FXML private TextField pingIntervalField;
    @FXML private ToggleButton themeToggle;
    @FXML private TextField filterField;
    @FXML private Label newCount;
    @FXML private Label liveCount;
    @FXML private Label failingCount;
    @FXML private Label totalCount;
    @FXML private Button kickButton;
    @FXML private Button banButton;
    @FXML private TableView<PeerRecord> peerTable;
    @FXML private TableColumn<PeerRecord, String> addressColumn;
    @FXML private TableColumn<PeerRecord, Integer> portColumn;
    @FXML private TableColumn<PeerRecord, String> nodeIdColumn;
    @FXML private TableColumn<PeerRecord, String> networkColumn;
    @FXML private TableColumn<PeerRecord, Integer> versionColumn;
    @FXML private TableColumn<PeerRecord, Long> heightColumn;
    @FXML private TableColumn<PeerRecord, Long> firstSeenColumn;
    @FXML private TableColumn<PeerRecord, Long> lastSeenColumn;
    @FXML private TableColumn<PeerRecord, Long> rttColumn;
    @FXML private TableColumn<PeerRecord, PeerState> stateColumn;
    @FXML private ListView<String> logList;
    @FXML private Label statusLabel;

    TrackerController(TrackerViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        portField.textProperty().bindBidirectional(model.portProperty());
        databaseField.textProperty().bindBidirectional(model.databaseProperty());
        pingIntervalField.textProperty().bindBidirectional(model.pingIntervalProperty());
        filterField.textProperty().bindBidirectional(model.filterProperty());
        themeToggle.selectedProperty().bindBidirectional(model.darkProperty());
        var editable = model.runningProperty().or(model.busyProperty());
        portField.disableProperty().bind(editable);
        databaseField.disableProperty().bind(editable);
        pingIntervalField.disableProperty().bind(editable);
        startButton.disableProperty().bind(editable.or(model.attachedProperty()));
        stopButton.disableProperty().bind(model.runningProperty().not().or(model.busyProperty())
                .or(model.attachedProperty()));
        // a window inside the wallet takes the wallet's theme: the theme is the whole program's
        themeToggle.visibleProperty().bind(model.attachedProperty().not());
        themeToggle.managedProperty().bind(themeToggle.visibleProperty());

        counted(newCount, "New ", model.countProperty(PeerState.NEW));
        counted(liveCount, "Live ", model.countProperty(PeerState.LIVE));
        counted(failingCount, "Failing ", model.countProperty(PeerState.FAILING));
        counted(totalCount, "Total ", model.totalProperty());
        statusLabel.textProperty().bind(model.statusProperty());

        column(addressColumn, p -> p.key().address());
        column(portColumn, p -> p.key().port());
        column(nodeIdColumn, PeerRecord::nodeId);
        column(networkColumn, p -> p.key().network());
        column(versionColumn, PeerRecord::protocolVersion);
        column(heightColumn, PeerRecord::height);
        column(firstSeenColumn, PeerRecord::firstSeen);
        column(lastSeenColumn, PeerRecord::lastSeen);
        column(rttColumn, PeerRecord::pingRttMicros);
        column(stateColumn, PeerRecord::state);
        formatted(heightColumn, Formats::count);
        formatted(firstSeenColumn, millis -> Formats.dateTime(millis / 1000));
        agoCells(lastSeenColumn);
        formatted(rttColumn, micros -> Formats.ping(micros / 1000.0));
        formatted(stateColumn, s -> s.name().toLowerCase());
        networkCells();

        SortedList<PeerRecord> sorted = new SortedList<>(model.peers());
        sorted.comparatorProperty().bind(peerTable.comparatorProperty());
        peerTable.setItems(sorted);
        keepSelectionAcrossUpdates(sorted);
        ColumnFit.widenToFit(peerTable, networkColumn, model.peers(), p -> p.key().network());
        var noSelection = peerTable.getSelectionModel().selectedItemProperty().isNull().or(model.runningProperty().not());
        kickButton.disableProperty().bind(noSelection);
        banButton.disableProperty().bind(noSelection);

        logList.setItems(model.log());
        model.log().addListener((ListChangeListener<String>) c -> logList.scrollTo(model.log().size() - 1));
    }

    private static void counted(Label label, String prefix, IntegerProperty n) {
        label.textProperty().bind(Bindings.createStringBinding(() -> prefix + Formats.count(n.get()), n));
    }

    /** "Last seen" as "12 s ago", moving on with the view-model's clock without a registry change. */
    private void agoCells(TableColumn<PeerRecord, Long> c) {
        c.setCellFactory(col -> new TableCell<>() {
            private final ChangeListener<Number> tick = (o, was, now) -> show();

            {
                model.clockProperty().addListener(new WeakChangeListener<>(tick));
            }

            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                show();
            }

            private void show() {
                Long at = getItem();
                setText(isEmpty() || at == null ? null : Formats.ago(at, Math.max(at, model.clockProperty().get())));
            }
        });
    }

    /** The network in full: the column widens to the widest name, and the tooltip holds any longer one. */
    private void networkCells() {
        networkColumn.setCellFactory(col -> new TableCell<>() {
            private final Tooltip fullName = new Tooltip();

            @Override
            protected void updateItem(String network, boolean empty) {
                super.updateItem(network, empty);
                setText(empty ? null : network);
                fullName.setText(network);
                setTooltip(empty || network == null ? null : fullName);
            }
        });
    }

    /** A row is replaced when its peer changes; select the same peer again so the admin's choice stays. */
    private void keepSelectionAcrossUpdates(SortedList<PeerRecord> rows) {
        PeerKey[] selected = new PeerKey[1];
        peerTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selected[0] = now.key();
            }
        });
        rows.addListener((ListChangeListener<PeerRecord>) c -> {
            if (selected[0] == null || peerTable.getSelectionModel().getSelectedItem() != null) {
                return;
            }
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).key().equals(selected[0])) {
                    peerTable.getSelectionModel().select(i);
                    return;
                }
            }
            selected[0] = null;
        });
    }

    private static <T> void column(TableColumn<PeerRecord, T> c, Function<PeerRecord, T> value) {
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    private static <T> void formatted(TableColumn<PeerRecord, T> c, Function<T, String> format) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
    }

    @FXML
    private void onStart() {
        model.start();
    }

    @FXML
    private void onStop() {
        model.stop();
    }

    @FXML
    private void onKick() {
        PeerRecord p = peerTable.getSelectionModel().getSelectedItem();
        if (p != null && confirm("Kick peer", "Remove " + p.key() + " from the registry?",
                "The peer may announce itself again.")) {
            model.kick(p);
        }
    }

    @FXML
    private void onBan() {
        PeerRecord p = peerTable.getSelectionModel().getSelectedItem();
        if (p != null && confirm("Ban address", "Ban " + p.key().address() + "?",
                "Every peer at this address is removed and its announces are refused until the ban is lifted.")) {
            model.ban(p);
        }
    }

    private boolean confirm(String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(peerTable.getScene().getWindow());
        a.setTitle(title);
        a.setHeaderText(header);
        Optional<ButtonType> answer = a.showAndWait();
        return answer.isPresent() && answer.get() == ButtonType.OK;
    }
}
