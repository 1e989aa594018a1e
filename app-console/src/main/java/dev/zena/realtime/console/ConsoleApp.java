package dev.zena.realtime.console;

import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.HttpAdminClient;
import dev.zena.realtime.console.embedded.EmbeddedServer;
import dev.zena.realtime.console.embedded.ServerControl;
import dev.zena.realtime.console.shell.ConnectDialog;
import dev.zena.realtime.console.shell.ConnectViewModel;
import dev.zena.realtime.console.shell.ConsoleSession;
import dev.zena.realtime.console.shell.MainView;
import dev.zena.realtime.console.shell.PlainHttpConsent;
import dev.zena.realtime.console.shell.PlainHttpDialog;
import dev.zena.realtime.console.shell.RecentServers;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: attaches to the embedded server (no options) or a remote one, and re-attaches when the
 * user connects elsewhere. Starting the embedded server and every server call run off the FX thread.
 */
public final class ConsoleApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    private Stage stage;
    private LaunchOptions options;
    private RecentServers recent;
    private final PlainHttpConsent plainHttp = new PlainHttpConsent();
    private EmbeddedServer embedded;
    private ConsoleSession session;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        this.options = LaunchOptions.parse(getParameters().getRaw());
        this.recent = new RecentServers(options.home());
        if (options.isPlainHttpAllowed()) {
            plainHttp.grant(options.serverOrNull());
        }
        stage.setScene(new Scene(placeholder("Starting…"), 1280, 800));
        stage.setTitle("Zena Realtime Console");
        stage.show();
        if (options.serverOrNull() == null && !options.isConnectDialog()) {
            useEmbedded();
        } else {
            Optional<String> token = options.serverOrNull() == null ? Optional.empty() : options.token(System.getenv());
            if (token.isPresent()) {
                // ConsoleMain refused this already; checked again for a launch that does not go through it
                try {
                    options.checkUnattendedTransport(System.getenv());
                } catch (IllegalArgumentException e) {
                    stage.getScene().setRoot(placeholder(e.getMessage()));
                    return;
                }
                Supplier<String> source = options.tokenFileOrNull() == null
                        ? token::get
                        : TokenFile.open(options.tokenFileOrNull(), token.get());
                if (!attachRemote(options.serverOrNull(), source)) {
                    showNotConnected();
                }
            } else {
                askAndConnect(options.serverOrNull());
            }
        }
    }

    private void useEmbedded() {
        if (embedded == null) {
            embedded = EmbeddedServer.in(options.home(), Clock.systemUTC());
        }
        if (session == null) {
            stage.getScene().setRoot(placeholder("Starting the embedded server (" + embedded.storeLocation() + ")…"));
        }
        Thread starter = new Thread(
                () -> {
                    try {
                        embedded.start();
                        Platform.runLater(
                                () -> attach(new HttpAdminClient(embedded.address(), embedded::adminToken), embedded));
                    } catch (RuntimeException e) {
                        LOG.error("console_embedded_failed", e);
                        Platform.runLater(() -> stage.getScene()
                                .setRoot(placeholder("The embedded server did not start: " + e.getMessage())));
                    }
                },
                "console-embedded-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void askAndConnect(URI initial) {
        ConnectViewModel vm = new ConnectViewModel(recent.load(), initial == null ? null : initial.toString());
        Optional<ConnectDialog.Choice> choice = ConnectDialog.ask(stage, vm);
        if (choice.isEmpty() || !attachRemote(choice.get().server(), choice.get()::token)) {
            showNotConnected();
        }
    }

    /** Asks first when the token would travel unencrypted to another host; false when the user said Cancel. */
    private boolean attachRemote(URI server, Supplier<String> token) {
        Optional<String> question = plainHttp.questionFor(server);
        if (question.isPresent()) {
            if (!PlainHttpDialog.confirm(stage, question.get())) {
                LOG.info("console_plain_http_declined host={}", server.getHost());
                return false;
            }
            plainHttp.grant(server);
            LOG.warn("console_plain_http_allowed host={}", server.getHost());
        }
        recent.remember(server);
        attach(new HttpAdminClient(server, token, plainHttp.isGranted(server)), null);
        return true;
    }

    private void showNotConnected() {
        if (session == null) {
            stage.getScene()
                    .setRoot(placeholder("Not connected. Restart without options for the embedded server, "
                            + "or with --server URL."));
        }
    }

    private void attach(AdminClient client, ServerControl control) {
        if (session != null) {
            session.close();
        }
        session = new ConsoleSession(client, control, Platform::runLater, Clock.systemUTC());
        MainView view = new MainView(session, () -> askAndConnect(null), this::useEmbedded, stage::close);
        stage.getScene().setRoot(view.root());
        stage.titleProperty().bind(session.shell().titleProperty());
        session.start();
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
        if (embedded != null) {
            Thread stopper = new Thread(embedded::stop, "console-embedded-stop");
            stopper.start();
            try {
                stopper.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static StackPane placeholder(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return new StackPane(label);
    }
}
