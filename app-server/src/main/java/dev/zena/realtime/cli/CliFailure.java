package dev.zena.realtime.cli;

/** A command's expected failure: a one-line message for stderr and an exit code, no stack trace. */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
