package dev.zena.realtime.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.MutableClock;
import dev.zena.realtime.console.client.NodeInfo;
import dev.zena.realtime.console.features.connections.ConnectionsView;
import dev.zena.realtime.console.features.connections.ConnectionsViewModel;
import dev.zena.realtime.console.features.server.ServerView;
import dev.zena.realtime.console.features.server.ServerViewModel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Connections and Server views of a cluster, headless (Monocle), on an admin API that answers as a two-node
 * cluster does (docs/admin-api.md): a Node column and filter, a banner while a node does not answer, the nodes on
 * the Server view. The cluster answers themselves are proven against real nodes by the server's ClusterAdminTest.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterViewsTest {

    private final FakeAdminClient client = new FakeAdminClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:31:00Z"));
    private ConnectionsViewModel connections;
    private ServerViewModel server;

    @Start
    void start(Stage stage) {
        client.connections.add(FakeAdminClient.connectionOn("node-a", "c1", "acme-admin", "acme"));
        client.connections.add(FakeAdminClient.connectionOn("node-b", "c2", "acme-pm", "acme"));
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        client.nodes.add(new NodeInfo("node-a", "10.0.0.1:8080", at, 1L, at, true));
        client.nodes.add(new NodeInfo("node-b", "10.0.0.2:8080", at, 1L, at, false));
        connections = new ConnectionsViewModel(client, Platform::runLater, clock);
        server = new ServerViewModel(client, null, Platform::runLater, Runnable::run, clock);
        VBox both = new VBox(new ConnectionsView(connections).root(), new ServerView(server).root());
        stage.setScene(new Scene(both, 1280, 800));
        stage.show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theTableShowsEachConnectionsNodeAndFiltersOnIt(FxRobot robot) {
        robot.interact(connections::refresh);
        TableView<?> table = robot.lookup("#connections-table").queryTableView();
        await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 2);
        assertThat(table.getColumns()).extracting(c -> c.getText()).contains("Node");
        assertThat(robot.lookup("#connections-partial").queryAs(Label.class).isVisible())
                .isFalse();

        robot.clickOn("#filter-node").write("node-b");
        await().atMost(Duration.ofSeconds(2)).until(() -> table.getItems().size() == 1);
    }

    @Test
    void aSilentNodeShowsABannerUntilItAnswersAgain(FxRobot robot) {
        client.nodesMissing.add("node-b");
        robot.interact(connections::refresh);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> robot.lookup("#connections-partial")
                        .queryAs(Label.class)
                        .isVisible());
        assertThat(text(robot, "#connections-partial")).contains("node-b").contains("did not answer");

        client.nodesMissing.clear();
        clock.advance(Duration.ofSeconds(1));
        robot.interact(connections::refresh);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !robot.lookup("#connections-partial")
                        .queryAs(Label.class)
                        .isVisible());
    }

    @Test
    void theServerViewListsTheNodesAndNamesTheSilentOnes(FxRobot robot) {
        robot.interact(server::refresh);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#server-nodes")
                        .equals("node-a (this one): 1 connections · node-b: 1 connections"));
        client.nodesMissing.add("node-b");
        robot.interact(server::refresh);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> text(robot, "#server-nodes").endsWith("— not answering: node-b"));
    }
}
