package org.peerchain.ui.mining;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.peerchain.ui.fx.FieldDialog;

/**
 * Asked at Start mining when there is no wallet and no payout address: where the coins go. An address (kept in the
 * settings for the next start), or the key the node keeps in its data directory.
 */
final class PayoutDialog {
    /** What the user chose. */
    sealed interface Choice {
        record Address(String address) implements Choice {
        }

        record NodeKey() implements Choice {
        }
    }

    private PayoutDialog() {
    }

    /**
     * Shows the dialog and waits for the user (on the FX thread, in a nested event loop).
     *
     * @param problem what was wrong with the last address, shown above the field; empty for none
     * @return the choice, or empty when the user cancelled (mining stays off)
     */
    static Optional<Choice> ask(Window owner, String typed, String problem) {
        TextField address = new TextField(typed);
        address.setId("payoutAddressField");
        address.setPromptText("Payout address");
        ButtonType toAddress = new ButtonType("Mine to this address", ButtonBar.ButtonData.OK_DONE);
        ButtonType toNodeKey = new ButtonType("Use the node's key", ButtonBar.ButtonData.OTHER);
        Dialog<ButtonType> dialog = FieldDialog.create(owner, "Where should mined coins go?",
                "There is no wallet here yet. Give an address of yours (from another PeerChain wallet) and every block"
                        + " found pays it; it is kept in Settings for the next start. Or let the node keep the coins"
                        + " under a key in its data directory (mining.key): they are yours, but no wallet screen shows"
                        + " or spends them.",
                problem, address, 440, new String[] {"payoutDialog", "payoutProblem"}, toAddress, toNodeKey,
                ButtonType.CANCEL);

        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return Optional.empty();
        }
        return Optional.of(answer.get() == toAddress ? new Choice.Address(address.getText().strip())
                : new Choice.NodeKey());
    }
}
