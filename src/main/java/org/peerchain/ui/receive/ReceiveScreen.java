package org.peerchain.ui.receive;

import javafx.scene.Parent;
import java.util.concurrent.Executors;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * Receive: a fresh address as a QR code of a payment request, with a label and an optional amount, buttons to copy
 * the address or the request, and the earlier addresses with what each received.
 */
public final class ReceiveScreen implements Screen {
    static final String COMMAND_THREAD = "ui-receive-commands";

    private final ReceiveViewModel model;
    private final ReceiveController controller;
    private final Parent view;

    /** @param onNeedWallet opens the first run, when there is no wallet to receive with */
    public ReceiveScreen(ScreenContext ctx, Runnable onNeedWallet) {
        // One thread, so that a label saved and the list read after it happen in that order.
        this.model = new ReceiveViewModel(ctx.node(), ctx.dispatcher(), Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, COMMAND_THREAD);
            t.setDaemon(true);
            return t;
        }));
        this.controller = new ReceiveController(model, onNeedWallet);
        this.view = Fxml.load("receive", controller);
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void activate() {
        model.activate();
    }

    @Override
    public void deactivate() {
        model.deactivate();
    }

    ReceiveViewModel model() {
        return model;
    }

    ReceiveController controller() {
        return controller;
    }
}
