package dev.zena.realtime.bench.load;

import static dev.zena.realtime.bench.load.OffsetTrack.Outcome.DUPLICATE;
import static dev.zena.realtime.bench.load.OffsetTrack.Outcome.NEW;
import static dev.zena.realtime.bench.load.OffsetTrack.Outcome.REORDERED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackTest {

    private final OffsetTrack track = new OffsetTrack();

    @Test
    void inOrderOffsetsAreAllNew() {
        assertThat(track.accept(5)).isEqualTo(NEW);
        assertThat(track.accept(6)).isEqualTo(NEW);
        assertThat(track.distinct()).isEqualTo(2);
        assertThat(track.openGaps()).isZero();
    }

    @Test
    void aSkippedOffsetIsAGapUntilItArrivesLate() {
        track.accept(1);
        track.accept(3);
        assertThat(track.openGaps()).isEqualTo(1);

        assertThat(track.accept(2)).isEqualTo(REORDERED);
        assertThat(track.openGaps()).isZero();
        assertThat(track.distinct()).isEqualTo(3);
    }

    @Test
    void anOffsetSeenTwiceIsADuplicate() {
        track.accept(1);
        track.accept(2);
        assertThat(track.accept(2)).isEqualTo(DUPLICATE);
        assertThat(track.accept(1)).isEqualTo(DUPLICATE);
        assertThat(track.distinct()).isEqualTo(2);
    }

    @Test
    void aLargeJumpCountsEveryMissingOffset() {
        track.accept(1);
        track.accept(200);
        assertThat(track.openGaps()).isEqualTo(198);
    }

    @Test
    void countsDuplicatesAndReorders() {
        track.accept(1);
        track.accept(3);
        track.accept(2);
        track.accept(2);
        track.accept(3);
        assertThat(track.reordered()).isEqualTo(1);
        assertThat(track.duplicates()).isEqualTo(2);
    }
}
