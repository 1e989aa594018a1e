package dev.zena.realtime.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.HttpAdminClient;
import dev.zena.realtime.console.client.TestEvent;
import dev.zena.realtime.console.shell.ConsoleSession;
import dev.zena.realtime.console.shell.MainView;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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

/** The console's views driven headless (Monocle) against a real embedded server with real WebSocket clients. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleViewsTest {

    private static LiveServer live;
    private ConsoleSession session;
    private MainView view;

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
        view = new MainView(session, () -> {}, () -> {}, stage::close);
        stage.setScene(new Scene(view.root(), 1280, 800));
        stage.show();
        session.start();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void aRealClientAppearsInTheTableAndCanBeDisconnected(FxRobot robot) throws Exception {
        try (UserSocket browser = new UserSocket(live.server.address(), live.tokenFor("acme-member"))) {
            browser.subscribe("project.acme-tower");
            shortcut(robot, KeyCode.DIGIT2);
            TableView<?> table = robot.lookup("#connections-table").queryTableView();
            await().atMost(Duration.ofSeconds(5)).until(() -> cellTexts(robot).contains("acme-member"));

            robot.clickOn("#filter-user").write("member");
            await().atMost(Duration.ofSeconds(2)).until(() -> table.getItems().size() == 1);
            robot.clickOn("#filter-user").eraseText(6).clickOn("#filter-tenant").write("globex");
            await().atMost(Duration.ofSeconds(2)).until(() -> table.getItems().isEmpty());
            robot.clickOn("#filter-tenant").eraseText(6);
            await().atMost(Duration.ofSeconds(2)).until(() -> !table.getItems().isEmpty());

            robot.interact(() -> table.getSelectionModel().select(0));
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> robot.lookup("#connection-details")
                            .queryTextInputControl()
                            .getText()
                            .contains("project.acme-tower"));
            robot.clickOn("#connections-table").type(KeyCode.DELETE);
            Button ok = robot.lookup((Node n) -> n instanceof Button b && "OK".equals(b.getText()))
                    .queryButton();
            robot.clickOn(ok);
            await().atMost(Duration.ofSeconds(5)).until(() -> browser.closeCode == 4010);
            await().atMost(Duration.ofSeconds(3)).until(() -> !cellTexts(robot).contains("acme-member"));
        }
    }

    @Test
    void aTestEventFromSendReachesASubscribedClientAndTheBuiltInTestClient(FxRobot robot) throws Exception {
        try (UserSocket browser = new UserSocket(live.server.address(), live.tokenFor("acme-member"))) {
            browser.subscribe("project.acme-tower");
            await().atMost(Duration.ofSeconds(5)).until(() -> browser.hasReceived("subscription"));
            shortcut(robot, KeyCode.DIGIT4);

            robot.clickOn("#test-user").eraseText(20).write("acme-pm");
            robot.interact(() ->
                    robot.lookup("#test-channels").queryAs(TextField.class).setText("project.acme-tower"));
            robot.clickOn("#test-connect");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> session.testClient().log().stream()
                            .anyMatch(line -> line.text().contains("subscription granted: project.acme-tower")));

            robot.clickOn("#send-channel").eraseText(40).write("project.acme-tower");
            robot.clickOn("#send-event");
            robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

            await().atMost(Duration.ofSeconds(5)).until(() -> !browser.events().isEmpty());
            assertThat(browser.events().get(0).path("event").asText()).isEqualTo("test.ping");
            assertThat(browser.events().get(0).path("test").asBoolean()).isTrue();
            assertThat(browser.events().get(0).path("data").path("message").asText())
                    .isEqualTo("Hello from the console");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> text(robot, "#send-result").startsWith("Delivered to 2 connections"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> text(robot, "#test-count").startsWith("1 events received"));
        }
    }

    @Test
    void theTestClientShowsARecoveryAndTheChannelPanelWhoIsIn(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT4);
        robot.interact(() -> {
            session.testClient().userProperty().set("acme-client");
            session.testClient().channelsProperty().set("project.acme-tower");
        });
        assertThat(robot.lookup("#test-reconnect").queryButton().isDisabled())
                .as("nothing to recover yet")
                .isTrue();
        robot.clickOn("#test-presence-events");
        robot.clickOn("#test-connect");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#test-positions").startsWith("Last seen: project.acme-tower at #"));
        robot.clickOn("#test-disconnect");
        await().atMost(Duration.ofSeconds(2))
                .until(() -> !robot.lookup("#test-reconnect").queryButton().isDisabled());

        for (int n = 1; n <= 3; n++) {
            session.client()
                    .sendEvent(TestEvent.toChannel(
                            "project.acme-tower", "test.missed", AdminJson.parse("{\"n\":" + n + "}")))
                    .join();
        }
        robot.clickOn("#test-reconnect");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#test-recovery")
                        .equals("Recovery: project.acme-tower: recovered · 3 missed events replayed"));
        await().atMost(Duration.ofSeconds(2))
                .until(() -> robot.lookup(".log-recovered").queryAll().stream()
                                .filter(Node::isVisible)
                                .count()
                        == 3);
        assertThat(text(robot, "#test-count")).startsWith("3 events received (3 recovered)");

        shortcut(robot, KeyCode.DIGIT2);
        robot.clickOn("#filter-user").write("acme-client");
        TableView<?> table = robot.lookup("#connections-table").queryTableView();
        await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#channel-status").startsWith("project.acme-tower as of"));
        assertThat(text(robot, "#channel-position")).startsWith("offset ").contains("· epoch ");
        assertThat(text(robot, "#channel-presence")).contains("present");
        assertThat(robot.lookup("#channel-users").queryListView().getItems())
                .contains("Carl Client (acme-client) · 1 connection");
        assertThat(robot.lookup("#channel-truncated").query().isVisible()).isFalse();
        robot.clickOn("#channel-refresh");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#channel-status").startsWith("project.acme-tower as of"));
        robot.clickOn("#filter-user").eraseText(11);
    }

    @Test
    void thePermissionsViewShowsAnAllowedAndADeniedPair(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT5);
        robot.interact(() -> {
            session.permissions().userProperty().set("acme-client");
            session.permissions().channelProperty().set("project.acme-tower");
        });
        robot.clickOn("#perm-check");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#perm-verdict").startsWith("ALLOWED (200)"));

        robot.clickOn("#perm-channel")
                .eraseText(30)
                .write("project.acme-bridge")
                .type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#perm-verdict").startsWith("DENIED (403"));
        assertThat(session.permissions().checks())
                .last()
                .satisfies(step -> assertThat(step.hasPassed()).isFalse());
        assertThat(session.roles().editableProperty().get())
                .as("acme-super has admin.global")
                .isTrue();
    }

    @Test
    void theTrafficChartMovesWhenTrafficFlows(FxRobot robot) throws Exception {
        shortcut(robot, KeyCode.DIGIT3);
        try (UserSocket browser = new UserSocket(live.server.address(), live.tokenFor("acme-pm"))) {
            robot.interact(() -> session.traffic().tenantProperty().set("acme"));
            LineChart<?, ?> chart = view.traffic().messagesChart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!hasTraffic(chart) && System.nanoTime() < deadline) {
                browser.send("{\"type\":\"ping\"}");
                robot.sleep(200);
            }
            assertThat(hasTraffic(chart))
                    .as("the messages-in series shows the pings")
                    .isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> text(robot, "#traffic-totals").contains("Server totals"));
        }
    }

    private static boolean hasTraffic(LineChart<?, ?> chart) {
        XYChart.Series<?, ?> in = chart.getData().get(0);
        return in.getData().stream().anyMatch(d -> ((Number) d.getYValue()).doubleValue() > 0);
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static String cellTexts(FxRobot robot) {
        StringBuilder all = new StringBuilder();
        robot.lookup(".table-cell").queryAll().forEach(n -> {
            if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
                all.append(l.getText()).append('|');
            }
        });
        return all.toString();
    }
}
