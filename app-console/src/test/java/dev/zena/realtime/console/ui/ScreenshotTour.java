package dev.zena.realtime.console.ui;

import static org.awaitility.Awaitility.await;

import dev.zena.realtime.console.client.HttpAdminClient;
import dev.zena.realtime.console.shell.ConsoleSession;
import dev.zena.realtime.console.shell.MainView;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Regenerates docs/images/&lt;view&gt;.png from the real console (headless, Monocle, {@code Scene.snapshot}) attached
 * to a real embedded server with demo browsers generating traffic. Run by {@code app-console/screenshots.sh};
 * excluded from the normal build (tag {@code screenshots}).
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScreenshotTour {

    private static LiveServer live;
    private static DemoTraffic traffic;
    private ConsoleSession session;
    private MainView view;
    private Stage stage;

    @BeforeAll
    static void startServer() throws Exception {
        live = new LiveServer();
        traffic = new DemoTraffic(live);
    }

    @AfterAll
    static void stopServer() {
        if (traffic != null) {
            traffic.close();
        }
        live.stop();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        session = new ConsoleSession(
                new HttpAdminClient(live.server.address(), live.server::adminToken),
                live.server,
                Platform::runLater,
                Clock.systemUTC());
        view = new MainView(session, () -> {}, () -> {}, stage::close);
        stage.setScene(new Scene(view.root(), 1280, 800));
        stage.titleProperty().bind(session.shell().titleProperty());
        stage.show();
        session.start();
    }

    @Test
    void everyView(FxRobot robot) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "docs/images"));
        Files.createDirectories(dir);
        // let a few seconds of traffic accumulate and the first refreshes land
        robot.sleep(25_000);

        show(robot, 0);
        shoot(dir.resolve("server.png"));

        show(robot, 1);
        TableView<dev.zena.realtime.console.features.connections.ConnectionRow> table =
                view.connections().table();
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() >= 6);
        robot.interact(() -> {
            table.getSortOrder().setAll(table.getColumns().get(0));
            table.getSelectionModel().select(2);
        });
        robot.sleep(1500);
        shoot(dir.resolve("connections.png"));

        show(robot, 2);
        robot.interact(() -> session.traffic().tenantProperty().set("acme"));
        robot.sleep(1500);
        shoot(dir.resolve("traffic.png"));

        show(robot, 3);
        robot.interact(() -> {
            session.testClient().userProperty().set("acme-client");
            session.testClient().channelsProperty().set("project.acme-tower, project.acme-bridge, task.acme-t2");
            session.send().channelProperty().set("project.acme-tower");
            session.send()
                    .payloadProperty()
                    .set("{\n  \"message\": \"Crane delivery moved to 14:00\",\n" + "  \"priority\": \"high\"\n}");
            session.testClient().presenceEventsProperty().set(true);
            session.testClient().connect();
        });
        robot.sleep(2500);
        // the recovery: disconnect, three events missed, reconnect — then a live one
        robot.interact(() -> session.testClient().disconnect());
        for (int n = 0; n < 3; n++) {
            robot.sleep(500);
            robot.interact(() -> session.send().send());
        }
        robot.sleep(500);
        robot.interact(() -> session.testClient().reconnect());
        robot.sleep(2000);
        robot.interact(() -> session.send().send());
        robot.sleep(3000);
        shoot(dir.resolve("send.png"));

        show(robot, 4);
        robot.interact(() -> {
            session.permissions().userProperty().set("acme-client");
            session.permissions().channelProperty().set("project.acme-bridge");
            session.permissions().check();
        });
        robot.sleep(2000);
        shoot(dir.resolve("permissions.png"));
    }

    private void show(FxRobot robot, int index) {
        robot.interact(() -> session.shell().show(index));
        robot.sleep(800);
    }

    private void shoot(Path file) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Platform.runLater(() -> {
            image.set(stage.getScene().snapshot(null));
            done.countDown();
        });
        done.await(10, TimeUnit.SECONDS);
        WritableImage fx = image.get();
        int width = (int) fx.getWidth();
        int height = (int) fx.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = fx.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", file.toFile());
    }
}
