package org.peerchain.ui.mining;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * Mining: the Start/Stop button, threads, the live hash rate, the odds of a block, where the coins go and the blocks
 * found. Commands run on the screen's own command thread, since stopping waits for the mining threads.
 */
public final class MiningScreen implements Screen {
    static final String COMMAND_THREAD = "ui-mining-commands";

    private final MiningViewModel model;
    private final MiningController controller;
    private final Parent view;

    public MiningScreen(ScreenContext ctx) {
        this(ctx, address -> { });
    }

    /** @param rememberPayout keeps a payout address the user gave at Start mining (in the settings) */
    public MiningScreen(ScreenContext ctx, java.util.function.Consumer<String> rememberPayout) {
        ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, COMMAND_THREAD);
            t.setDaemon(true);
            return t;
        });
        this.model = new MiningViewModel(ctx.node(), ctx.dispatcher(), ctx.navigator(), commands);
        this.controller = new MiningController(model, rememberPayout);
        this.view = Fxml.load("mining", controller);
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

    MiningViewModel model() {
        return model;
    }
}
