package org.peerchain.ui.send;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.scene.Parent;
import org.peerchain.ui.fx.Background;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * Send: one or more recipients, each address checked as it is typed, amounts with Max, a fee from presets or a
 * custom rate, coin control, then a confirmation, the password only when the wallet is locked, and the outcome.
 */
public final class SendScreen implements Screen {
    static final String TIMER_THREAD = "ui-send-typing";

    private final SendViewModel model;
    private final Parent view;

    /** @param onNeedWallet opens the first run, where a wallet is created or restored */
    public SendScreen(ScreenContext ctx, Runnable onNeedWallet) {
        // Waits out pauses in typing only; the wallet is asked on the shared background threads.
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, TIMER_THREAD);
            t.setDaemon(true);
            return t;
        });
        this.model = new SendViewModel(ctx.node(), ctx.dispatcher(), ctx.navigator(), Background::run, timer,
                SendViewModel.TYPING_PAUSE);
        this.view = Fxml.load("send", new SendController(model, onNeedWallet));
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

    SendViewModel model() {
        return model;
    }
}
