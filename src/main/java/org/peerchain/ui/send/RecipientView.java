package org.peerchain.ui.send;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.peerchain.ui.send.RecipientRow.AddressState;

/** One recipient's card: the address with its check under it, the amount with Max, and a label. */
final class RecipientView extends VBox {
    private static final String[] STATE_STYLES = {"address-ok", "address-problem", "address-checking"};

    private final Label title = new Label();
    private final Button remove = new Button("Remove");

    RecipientView(RecipientRow row, SendViewModel model) {
        getStyleClass().addAll("send-card", "recipient-card");
        setSpacing(8);

        title.getStyleClass().add("send-card-title");
        remove.getStyleClass().addAll("flat", "remove-recipient");
        remove.setGraphic(new FontIcon("mdi2c-close"));
        remove.setOnAction(e -> model.removeRecipient(row));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, title, gap, remove);
        header.setAlignment(Pos.CENTER_LEFT);

        TextField address = new TextField();
        address.setId("addressField");
        address.getStyleClass().add("mono");
        address.setPromptText("The address to pay");
        address.textProperty().bindBidirectional(row.addressProperty());
        Label status = new Label();
        status.setId("addressStatus");
        status.setWrapText(true);
        status.textProperty().bind(row.addressStatusProperty());
        row.addressStateProperty().addListener((o, was, now) -> showState(status, now));
        showState(status, row.addressStateProperty().get());

        TextField amount = new TextField();
        amount.setId("amountField");
        amount.setPromptText("0.00");
        amount.setPrefColumnCount(14);
        amount.textProperty().bindBidirectional(row.amountProperty());
        Button max = new Button("Max");
        max.setId("maxButton");
        max.setOnAction(e -> model.max(row));
        Label unit = new Label("PCH");
        unit.getStyleClass().add("text-muted");
        HBox amountBox = new HBox(8, amount, unit, max);
        amountBox.setAlignment(Pos.CENTER_LEFT);
        Label amountProblem = new Label();
        amountProblem.setId("amountProblem");
        amountProblem.setWrapText(true);
        amountProblem.getStyleClass().add("address-problem");
        amountProblem.textProperty().bind(row.amountProblemProperty());
        showWhenNotEmpty(amountProblem);

        TextField label = new TextField();
        label.setId("labelField");
        label.setPromptText("What this payment is for (kept in your history)");
        label.textProperty().bindBidirectional(row.labelProperty());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, fields);
        grid.addRow(0, fieldName("Pay to"), address);
        grid.add(status, 1, 1);
        grid.addRow(2, fieldName("Amount"), amountBox);
        grid.add(amountProblem, 1, 3);
        grid.addRow(4, fieldName("Label"), label);
        getChildren().addAll(header, grid);
    }

    /** Numbers the card; a lone recipient has no Remove button. */
    void setPlace(int index, int count) {
        title.setText(count == 1 ? "Recipient" : "Recipient " + (index + 1));
        remove.setVisible(count > 1);
    }

    private static void showState(Label status, AddressState state) {
        status.getStyleClass().removeAll(STATE_STYLES);
        switch (state) {
            case VALID, MINE -> {
                status.getStyleClass().add("address-ok");
                status.setGraphic(new FontIcon("mdi2c-check-circle"));
            }
            case PROBLEM -> {
                status.getStyleClass().add("address-problem");
                status.setGraphic(new FontIcon("mdi2a-alert-circle"));
            }
            case CHECKING -> {
                status.getStyleClass().add("address-checking");
                status.setGraphic(null);
            }
            case EMPTY -> status.setGraphic(null);
        }
        status.setVisible(state != AddressState.EMPTY);
        status.setManaged(state != AddressState.EMPTY);
    }

    private static Label fieldName(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-name");
        return l;
    }

    static void showWhenNotEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
