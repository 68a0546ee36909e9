package org.peerchain.ui.send;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.peerchain.node.api.SendReview;
import org.peerchain.ui.fx.PasswordDialog;

/**
 * The steps from the Review button to a sent transaction: the confirmation dialog, a second one when the fee looks
 * wrong, the password only when the wallet is locked (asked again after a wrong one), then the send.
 */
final class SendFlow {
    static final String PASSWORD_TITLE = "Unlock to send";
    static final String PASSWORD_MESSAGE = "The wallet is locked. Its password signs this send; the wallet stays"
            + " locked afterwards.";

    private final SendViewModel model;
    private final Supplier<Window> owner;

    SendFlow(SendViewModel model, Supplier<Window> owner) {
        this.model = model;
        this.owner = owner;
    }

    void start() {
        model.review(this::confirm);
    }

    private void confirm(SendReview review) {
        if (!ReviewDialog.confirm(owner.get(), review)) {
            model.cancelled();
            return;
        }
        List<String> warnings = model.feeWarnings(review);
        if (!warnings.isEmpty() && !ReviewDialog.confirmFee(owner.get(), warnings)) {
            model.cancelled();
            return;
        }
        send(review, model.isLocked(), "");
    }

    private void send(SendReview review, boolean askPassword, String problem) {
        Optional<char[]> password = Optional.empty();
        if (askPassword) {
            password = new PasswordDialog(owner.get(), PASSWORD_TITLE, PASSWORD_MESSAGE, "Unlock and send").ask(problem);
            if (password.isEmpty()) {
                model.cancelled();
                return;
            }
        }
        model.confirm(review, password, outcome -> {
            if (outcome instanceof SendOutcome.WrongPassword wrong) {
                send(review, true, wrong.message());
            } else if (outcome instanceof SendOutcome.PasswordNeeded) {
                send(review, true, "");
            }
        });
    }
}
