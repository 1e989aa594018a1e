package dev.zena.realtime.history;

import dev.zena.realtime.broker.History;
import dev.zena.realtime.protocol.Recovery;
import dev.zena.realtime.protocol.RecoveryFailure;
import dev.zena.realtime.protocol.StreamPosition;

/**
 * Whether the events after a client's position can be replayed (SPEC §9): the epoch must match, every event after
 * the offset must still be kept, and there must be at most {@code history.recover_max} of them. All or nothing:
 * never a partial replay.
 */
public final class RecoveryRule {

    private RecoveryRule() {}

    /**
     * Called with the client's {@code since} and the channel's history read after it: the answer for the
     * {@code recovery} field. An offset ahead of the channel's position cannot come from this history: it is
     * answered as {@code epoch_changed} (the client's stream is not this one).
     */
    public static Recovery decide(StreamPosition since, History history, int recoverMax) {
        if (!since.epoch().equals(history.position().epoch())
                || since.offset() > history.position().offset()) {
            return Recovery.failed(RecoveryFailure.EPOCH_CHANGED);
        }
        if (!history.keepsEverythingAfter(since.offset())) {
            return Recovery.failed(RecoveryFailure.OFFSET_EXPIRED);
        }
        if (history.position().offset() - since.offset() > recoverMax) {
            return Recovery.failed(RecoveryFailure.TOO_MANY);
        }
        return Recovery.RECOVERED;
    }
}
