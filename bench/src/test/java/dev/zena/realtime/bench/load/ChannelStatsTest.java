package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelStatsTest {

    @Test
    void summarisesLossDuplicatesAndReordersPerChannel() {
        ChannelStats stats = new ChannelStats();
        stats.add("task.a", 10, 10, 0, 0, 0);
        stats.add("task.a", 10, 8, 1, 0, 2);
        stats.add("task.b", 3, 3, 0, 1, 0);
        stats.add("task.c", 0, 0, 0, 0, 0);
        Map<String, Object> s = stats.summary();
        assertThat(s)
                .containsEntry("channels_subscribed", 3)
                .containsEntry("channels_published", 2)
                .containsEntry("lost", 2L)
                .containsEntry("duplicates", 1L)
                .containsEntry("reordered", 1L)
                .containsEntry("offset_gaps_unfilled", 2L)
                .containsEntry("channels_with_loss", 1)
                .containsEntry("channels_with_duplicates", 1)
                .containsEntry("channels_with_reorders", 1)
                .containsEntry("max_lost_on_one_channel", 2L);
    }

    @Test
    void moreReceivedThanPublishedIsNotNegativeLoss() {
        ChannelStats stats = new ChannelStats();
        stats.add("task.a", 5, 6, 0, 0, 0); // a publish accepted after the count was read
        assertThat(stats.summary()).containsEntry("lost", 0L).containsEntry("channels_with_loss", 0);
    }

    @Test
    void busiestOrdersByPublishesThenName() {
        ChannelStats stats = new ChannelStats();
        stats.add("task.x", 1, 1, 0, 0, 0);
        stats.add("task.b", 7, 7, 0, 0, 0);
        stats.add("task.a", 7, 7, 0, 0, 0);
        stats.add("task.a", 7, 7, 0, 0, 0);
        List<Map<String, Object>> top = stats.busiest(2);
        assertThat(top).extracting(m -> m.get("channel")).containsExactly("task.a", "task.b");
        assertThat(top.get(0)).containsEntry("subscribers", 2L).containsEntry("deliveries_expected", 14L);
    }

    @Test
    void taskNumberOfAChannel() {
        assertThat(Run.taskOf("task.bench-t17")).isEqualTo(17);
        assertThat(Run.taskOf("task.quiet-t3")).isEqualTo(3);
        assertThat(Run.ratio(3, 2)).isEqualTo(1.5);
        assertThat(Run.ratio(3, 0)).isEqualTo(0);
    }
}
