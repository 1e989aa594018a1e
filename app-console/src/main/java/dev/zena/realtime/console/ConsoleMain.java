package dev.zena.realtime.console;

import dev.zena.realtime.console.client.ServerAddress;
import java.util.List;
import javafx.application.Application;

/**
 * The jar's entry point. A plain class, not the {@link Application}: with JavaFX on the class path, {@code java
 * -jar} refuses to start an {@code Application} subclass as the main class.
 */
public final class ConsoleMain {

    private ConsoleMain() {}

    /**
     * Called by {@code java -jar zena-console.jar}: checks the options (and refuses plain http to another host
     * without {@code --allow-insecure-http} when no dialog will ask), then starts the JavaFX application.
     */
    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.isHelp()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        if (options.hasDroppedUserInfo()) {
            System.err.println("Note: " + ServerAddress.USER_INFO_NOTICE);
        }
        try {
            options.checkUnattendedTransport(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Application.launch(ConsoleApp.class, args);
    }
}
