package dev.zena.realtime.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zena.realtime.config.PublishConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The freshness window's exact edges, on a fixed clock. */
class SignatureVerifierTest {

    private static final long NOW = 1_800_000_000L;
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "timestamp now{0} accepted={1}")
    @CsvSource({"-300,true", "-301,false", "+30,true", "+31,false", "+0,true"})
    void acceptsTimestampsFrom300SecondsAgoTo30SecondsAhead(String offset, boolean isAccepted) throws Exception {
        SignatureVerifier verifier = new SignatureVerifier(
                new PublishConfig("k", "s"), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        String timestamp = Long.toString(NOW + Long.parseLong(offset.replace("+", "")));
        String signature = SignedRequests.hmac("s", timestamp + ".{}");
        if (isAccepted) {
            verifier.claim(verifier.authenticate("k", timestamp, signature, BODY));
        } else {
            assertThatThrownBy(() -> verifier.authenticate("k", timestamp, signature, BODY))
                    .isInstanceOfSatisfying(
                            PublishRefusal.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }
}
