package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalogue of error and close codes, as SPEC §3 publishes it. */
class CodesTest {

    @ParameterizedTest
    @CsvSource({
        "INVALID_MESSAGE, 400", "UNKNOWN_TYPE, 400", "AUTH_REQUIRED, 401", "AUTH_INVALID, 401",
        "FORBIDDEN, 403", "NOT_FOUND, 404", "RATE_LIMITED, 429", "CONNECTION_LIMIT, 429",
        "CHANNEL_LIMIT, 429", "MESSAGE_TOO_LARGE, 413", "INTERNAL, 500", "BROKER_UNAVAILABLE, 503"
    })
    void errorCodeHasItsStatus(ErrorCode code, int status) {
        assertThat(code.status()).isEqualTo(status);
    }

    @Test
    void errorCodeCatalogueIsComplete() {
        assertThat(ErrorCode.values()).hasSize(12);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GOING_AWAY | 1001 | server shutting down",
                "MESSAGE_TOO_BIG | 1009 | message too large",
                "AUTH_TIMEOUT | 4001 | authentication timeout",
                "HEARTBEAT_TIMEOUT | 4002 | heartbeat timeout",
                "ACCESS_REVOKED | 4003 | access revoked",
                "ABUSE | 4008 | rate limit abuse",
                "SLOW_CONSUMER | 4009 | slow consumer",
                "ADMIN_DISCONNECT | 4010 | disconnected by administrator",
                "CONNECTION_LIMIT | 4029 | connection limit reached"
            })
    void closeCodeHasItsNumberAndReason(CloseCode close, int code, String reason) {
        assertThat(close.code()).isEqualTo(code);
        assertThat(close.reason()).isEqualTo(reason);
        assertThat(CloseCode.fromCode(code)).contains(close);
    }

    @Test
    void closeCatalogueIsCompleteAndReasonsFitACloseFrame() {
        assertThat(CloseCode.values()).hasSize(9);
        assertThat(CloseCode.fromCode(1000)).isEmpty();
        // A close frame carries at most 123 bytes of reason.
        assertThat(Arrays.stream(CloseCode.values()).map(CloseCode::reason)).allMatch(r -> r.length() <= 123);
    }

    @ParameterizedTest
    @CsvSource({"TOKEN_EXPIRED, token_expired", "TOKEN_REVOKED, token_revoked", "USER_DISABLED, user_disabled"})
    void accessRevocationHasItsCloseReason(AccessRevocation revocation, String reason) {
        assertThat(revocation.reason()).isEqualTo(reason);
        assertThat(AccessRevocation.fromReason(reason)).contains(revocation);
    }

    @ParameterizedTest
    @CsvSource({
        "EPOCH_CHANGED, epoch_changed",
        "OFFSET_EXPIRED, offset_expired",
        "TOO_MANY, too_many",
        "HISTORY_UNAVAILABLE, history_unavailable"
    })
    void recoveryFailureHasItsWireName(RecoveryFailure failure, String wireName) {
        assertThat(failure.wireName()).isEqualTo(wireName);
        assertThat(RecoveryFailure.fromWireName(wireName)).contains(failure);
    }

    @Test
    void recoveryFailureCatalogueIsCompleteAndMatchesNoOtherName() {
        assertThat(RecoveryFailure.values()).hasSize(4);
        assertThat(RecoveryFailure.fromWireName("EPOCH_CHANGED")).isEmpty();
    }

    @Test
    void resyncReasonsAreTheSpecWords() {
        assertThat(List.of(Resync.EPOCH_CHANGED, Resync.BROKER_UNAVAILABLE, Resync.MESSAGES_LOST))
                .containsExactly("epoch_changed", "broker_unavailable", "messages_lost");
        assertThat(List.of(PresenceEvent.JOINED, PresenceEvent.LEFT)).containsExactly("joined", "left");
    }

    @Test
    void unknownRevocationReasonIsEmpty() {
        assertThat(AccessRevocation.fromReason("access revoked")).isEmpty();
        assertThat(AccessRevocation.values()).hasSize(3);
    }
}
