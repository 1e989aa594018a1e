package dev.zena.realtime.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.console.shell.PlainHttpDialog;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The question before the token goes out over plain http: Enter is Cancel; only Continue says yes. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlainHttpDialogTest {

    private static final String QUESTION = "The admin token would be sent unencrypted to zena.internal. Continue?";
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void enterCancels(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask(robot);
        Button cancel = robot.lookup("#plain-http-cancel").queryButton();
        Button proceed = robot.lookup("#plain-http-continue").queryButton();
        assertThat(cancel.isDefaultButton()).isTrue();
        assertThat(proceed.isDefaultButton()).isFalse();
        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getHeaderText())
                .isEqualTo(QUESTION);
        robot.type(KeyCode.ENTER);
        assertThat(answer.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void continueSaysYes(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask(robot);
        robot.clickOn("#plain-http-continue");
        assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
    }

    private CompletableFuture<Boolean> ask(FxRobot robot) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(PlainHttpDialog.confirm(stage, QUESTION)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#plain-http-cancel").tryQuery().isPresent());
        return answer;
    }
}
