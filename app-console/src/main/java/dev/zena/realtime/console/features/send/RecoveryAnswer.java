package dev.zena.realtime.console.features.send;

/**
 * The server's recovery answer for one channel after a reconnect (SPEC §9): recovered, with how many missed
 * events have been replayed so far, or not, with the server's reason ({@code epoch_changed}, {@code offset_expired},
 * {@code too_many}, {@code history_unavailable}).
 */
public record RecoveryAnswer(String channel, boolean isRecovered, String reason, int replayed) {

    /** The same answer with one more replayed event. */
    RecoveryAnswer plusOne() {
        return new RecoveryAnswer(channel, isRecovered, reason, replayed + 1);
    }

    /** One line: {@code project.P1: recovered · 3 missed events replayed} or {@code …: not recovered (reason)}. */
    public String describe() {
        if (!isRecovered) {
            return channel + ": not recovered (" + (reason == null ? "no reason given" : reason) + ")";
        }
        return channel + ": recovered · "
                + (replayed == 0
                        ? "nothing was missed"
                        : replayed + (replayed == 1 ? " missed event replayed" : " missed events replayed"));
    }
}
