package dev.zena.realtime.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-channel delivery check: for each channel, the publishes accepted for it, its subscribers, and over them the
 * events lost (expected minus distinct received), duplicated, reordered and the offset gaps never filled. Pure;
 * not thread-safe (filled once, after a run).
 */
public final class ChannelStats {

    /** One channel's totals over its subscribers. */
    public static final class Channel {
        final String name;
        long published;
        long subscribers;
        long expected;
        long received;
        long lost;
        long duplicates;
        long reordered;
        long gaps;

        Channel(String name) {
            this.name = name;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", name);
            m.put("published", published);
            m.put("subscribers", subscribers);
            m.put("deliveries_expected", expected);
            m.put("deliveries_received", received);
            m.put("lost", lost);
            m.put("duplicates", duplicates);
            m.put("reordered", reordered);
            return m;
        }
    }

    private final Map<String, Channel> channels = new TreeMap<>();

    /** Adds one subscriber's view of {@code channel}. */
    public void add(
            String channel, long published, long distinctReceived, long duplicates, long reordered, long openGaps) {
        Channel c = channels.computeIfAbsent(channel, Channel::new);
        c.published = published;
        c.subscribers++;
        c.expected += published;
        c.received += distinctReceived;
        c.lost += Math.max(0, published - distinctReceived);
        c.duplicates += duplicates;
        c.reordered += reordered;
        c.gaps += openGaps;
    }

    public int channelCount() {
        return channels.size();
    }

    /** Totals and how many channels saw each kind of fault. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        long lost = 0;
        long dup = 0;
        long reo = 0;
        long gaps = 0;
        int withLoss = 0;
        int withDup = 0;
        int withReorder = 0;
        int published = 0;
        long maxLost = 0;
        for (Channel c : channels.values()) {
            lost += c.lost;
            dup += c.duplicates;
            reo += c.reordered;
            gaps += c.gaps;
            withLoss += c.lost > 0 ? 1 : 0;
            withDup += c.duplicates > 0 ? 1 : 0;
            withReorder += c.reordered > 0 ? 1 : 0;
            published += c.published > 0 ? 1 : 0;
            maxLost = Math.max(maxLost, c.lost);
        }
        m.put("channels_subscribed", channels.size());
        m.put("channels_published", published);
        m.put("lost", lost);
        m.put("duplicates", dup);
        m.put("reordered", reo);
        m.put("offset_gaps_unfilled", gaps);
        m.put("channels_with_loss", withLoss);
        m.put("channels_with_duplicates", withDup);
        m.put("channels_with_reorders", withReorder);
        m.put("max_lost_on_one_channel", maxLost);
        return m;
    }

    /** The {@code n} channels with the most publishes, then by name, as rows for the report. */
    public List<Map<String, Object>> busiest(int n) {
        List<Channel> all = new ArrayList<>(channels.values());
        all.sort(Comparator.comparingLong((Channel c) -> -c.published).thenComparing(c -> c.name));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Channel c : all.subList(0, Math.min(n, all.size()))) {
            out.add(c.toMap());
        }
        return out;
    }
}
