package dev.zena.realtime.console.ui;

import static org.awaitility.Awaitility.await;

import dev.zena.realtime.console.client.HttpAdminClient;
import dev.zena.realtime.console.shell.ConsoleSession;
import dev.zena.realtime.console.shell.MainView;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Stop and start of the embedded server from the Server view: the banner comes and goes by itself. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerViewTest {

    private static LiveServer live;
    private ConsoleSession session;

    @BeforeAll
    static void startServer() throws Exception {
        live = new LiveServer();
    }

    @AfterAll
    static void stopServer() {
        live.stop();
    }

    @Start
    void start(Stage stage) {
        session = new ConsoleSession(
                new HttpAdminClient(live.server.address(), live.server::adminToken),
                live.server,
                Platform::runLater,
                Clock.systemUTC());
        stage.setScene(new Scene(new MainView(session, () -> {}, () -> {}, stage::close).root(), 1280, 800));
        stage.show();
        session.start();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void stoppingShowsTheBannerAndStartingAgainClearsIt(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> text(robot, "#server-link").equals("Connected"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> text(robot, "#server-scope").contains("admin.global"));

        robot.clickOn("#server-stop");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#banner").queryAs(Label.class).isVisible()
                        && text(robot, "#banner").contains("unreachable"));
        await().atMost(Duration.ofSeconds(3))
                .until(() -> text(robot, "#server-uptime").equals("stopped"));

        robot.clickOn("#server-start");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !robot.lookup("#banner").queryAs(Label.class).isVisible());
        await().atMost(Duration.ofSeconds(3))
                .until(() -> text(robot, "#server-link").equals("Connected"));
        await().atMost(Duration.ofSeconds(3))
                .until(() -> text(robot, "#server-uptime").endsWith(" s"));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
