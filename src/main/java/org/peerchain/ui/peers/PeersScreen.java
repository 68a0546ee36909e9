package org.peerchain.ui.peers;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import org.peerchain.ui.fx.Fxml;
import org.peerchain.ui.fx.Screen;
import org.peerchain.ui.fx.ScreenContext;

/**
 * The Peers screen: who is connected and how each was found, disconnect and ban, add a peer by address, the ban
 * list, the trackers and a traffic graph.
 */
public final class PeersScreen implements Screen {
    /** The command thread ends when idle this long, so a screen never shown again holds no thread. */
    private static final long COMMAND_THREAD_IDLE_SECONDS = 30;

    private final PeersViewModel model;
    private final Parent view;

    public PeersScreen(ScreenContext ctx) {
        // One thread, in order: a ban and the unban after it reach the node as the user gave them.
        ThreadPoolExecutor commands = new ThreadPoolExecutor(0, 1, COMMAND_THREAD_IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "peers-screen-commands");
                    t.setDaemon(true);
                    return t;
                });
        this.model = new PeersViewModel(ctx.node(), ctx.dispatcher(), commands);
        this.view = Fxml.load("peers", new PeersController(model));
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

    PeersViewModel model() {
        return model;
    }
}
