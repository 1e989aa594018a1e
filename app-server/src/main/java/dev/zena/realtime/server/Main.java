package dev.zena.realtime.server;

/** The executable jar's entry point; the command line arrives with the CLI. */
public final class Main {
    private Main() {
    }

    /** Called by {@code java -jar zena-server.jar}. */
    public static void main(String[] args) {
        System.out.println("zena-server: command line not wired yet");
    }
}
