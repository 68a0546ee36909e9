package org.peerchain.ui;

import org.peerchain.ui.fx.FxDispatcher;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;

/**
 * The desktop wallet. The window opens at once; the node starts on its own thread and the window
 * follows it through the view-model. The FX thread never waits on the node.
 */
public final class WalletApp extends Application {
    public static final String TITLE = "PeerChain Wallet";
    /** {@code -Dpeerchain.theme=dark} opens the window in the dark theme. */
    public static final String THEME_PROPERTY = "peerchain.theme";
    private static volatile NodeConfig launchConfig;

    private final NodeConfig config;
    private volatile Node node;

    /** For {@code Application.launch}: takes the configuration set by {@link #setLaunchConfig}. */
    public WalletApp() {
        this(Objects.requireNonNull(launchConfig, "WalletApp launched without a node configuration"));
    }

    public WalletApp(NodeConfig config) {
        this.config = config;
    }

    static void setLaunchConfig(NodeConfig config) {
        launchConfig = config;
    }

    @Override
    public void start(Stage stage) {
        NodeStatusViewModel status = new NodeStatusViewModel(new FxDispatcher());
        FXMLLoader loader = new FXMLLoader(WalletApp.class.getResource("/fxml/main.fxml"));
        loader.setControllerFactory(type -> new MainController(status, WalletApp::applyTheme));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("The wallet's main window (main.fxml) cannot be loaded", e);
        }
        boolean dark = "dark".equalsIgnoreCase(System.getProperty(THEME_PROPERTY, "light"));
        applyTheme(dark);
        Scene scene = new Scene(root, 900, 560);
        scene.getStylesheets().add(WalletApp.class.getResource("/fxml/main.css").toExternalForm());
        ((MainController) loader.getController()).showDarkSelected(dark);
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.show();
        Thread starter = new Thread(() -> {
            try {
                node = Node.start(config);
                status.attach(node);
            } catch (NodeStartException e) {
                status.failed("The node could not start: " + e.getMessage());
            } catch (RuntimeException e) {
                status.failed("The node could not start: " + e);
            }
        }, "node-start");
        starter.setDaemon(true);
        starter.start();
    }

    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        Node n = node;
        if (n != null) {
            n.requestStop();
        }
    }
}
