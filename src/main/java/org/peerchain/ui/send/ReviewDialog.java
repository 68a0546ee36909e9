package org.peerchain.ui.send;

import java.util.List;
import java.util.Optional;
import javafx.geometry.HPos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.peerchain.node.api.SendReview;
import org.peerchain.ui.fx.Formats;

/**
 * The dialogs between Review and the send: the confirmation of what will happen (each recipient and amount, the fee
 * and its rate, the total, the balance left and the size), and the second confirmation a strange fee needs.
 */
final class ReviewDialog {
    static final ButtonType SEND = new ButtonType("Send", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType SEND_ANYWAY = new ButtonType("Send anyway", ButtonBar.ButtonData.OK_DONE);

    private ReviewDialog() {
    }

    /** Shows {@code review} and waits: true when the user chose Send. */
    static boolean confirm(Window owner, SendReview review) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Confirm the send");
        dialog.setHeaderText("Send " + Formats.amount(review.paid()) + "?");
        dialog.getDialogPane().setId("reviewDialog");
        dialog.getDialogPane().getButtonTypes().addAll(SEND, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(summary(review));
        dialog.getDialogPane().setPrefWidth(560);
        Optional<ButtonType> answer = dialog.showAndWait();
        return answer.isPresent() && answer.get() == SEND;
    }

    private static GridPane summary(SendReview review) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        ColumnConstraints amounts = new ColumnConstraints();
        amounts.setHalignment(HPos.RIGHT);
        grid.getColumnConstraints().addAll(names, values, amounts);
        int row = 0;
        for (SendReview.Output o : review.outputs()) {
            if (o.change()) {
                continue;
            }
            Label address = new Label(o.address());
            address.getStyleClass().add("review-address");
            address.setWrapText(true);
            grid.addRow(row++, muted("Pay"), address, strong(Formats.amount(o.amount())));
        }
        grid.add(new Separator(), 0, row++, 3, 1);
        grid.addRow(row++, muted("Fee"), muted(Formats.feeRate(review.feeRate()) + ", "
                + Formats.bytes(review.sizeBytes())), strong(Formats.amount(review.fee())));
        Label total = strong(Formats.amount(review.total()));
        total.setId("reviewTotal");
        grid.addRow(row++, muted("Total"), muted("leaves the wallet"), total);
        grid.addRow(row, muted("Balance left"), new Label(""), new Label(Formats.amount(review.balanceLeft())));
        return grid;
    }

    /**
     * Asks a second time, with the reasons in words, before a send whose fee looks wrong: true when the user still
     * wants it sent.
     */
    static boolean confirmFee(Window owner, List<String> warnings) {
        Alert alert = new Alert(Alert.AlertType.WARNING, String.join("\n\n", warnings), SEND_ANYWAY, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Check the fee");
        alert.setHeaderText("This fee looks like a mistake");
        alert.getDialogPane().setId("feeWarning");
        alert.getDialogPane().setPrefWidth(520);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == SEND_ANYWAY;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static Label strong(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }
}
