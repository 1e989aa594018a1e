package dev.zena.realtime.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The no-loss checker of the chaos runs (issue 18 item 5): what every publish got as an answer, and what every
 * subscriber received in arrival order after the client's dedup. {@link #verdict()} proves, per subscriber (all of
 * them stay subscribed for the whole run, reconnecting with {@code since} when their node goes): every publish of
 * its tenant answered 200 was received, or a gap notice covers it; no event was received twice; no event of another
 * tenant was received.
 *
 * <p>A gap notice is a {@code resync} or a {@code subscription} whose recovery says {@code recovered:false} (SPEC §9:
 * both tell the client to re-read). It covers a missing event when it arrived after the last event received with a
 * lower sequence number and before the first received with a higher one: the client was told, at the place of the
 * hole, that it must re-read. Thread-safe: publishers and the subscribers' WebSocket threads write concurrently.
 */
final class ChaosLedger {

    private final Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
    private final List<Log> logs = new ArrayList<>();

    /** Called by the publisher once publish {@code seq} of {@code tenant} was answered (-1: no answer at all). */
    void published(String tenant, int seq, int status) {
        statuses.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(seq, status);
    }

    /** A new subscriber of {@code tenant}'s {@code channel}; called before any publish. */
    synchronized Log subscriber(String name, String tenant, String channel) {
        Log log = new Log(name, tenant, channel);
        logs.add(log);
        return log;
    }

    /** What one subscriber received, in arrival order, after dedup; written by its WebSocket listener. */
    static final class Log {
        private final String name;
        private final String tenant;
        private final String channel;
        private final List<Entry> entries = new ArrayList<>();
        private String lastEpoch;
        private long lastOffset;
        private int deduplicated;
        private int recovered;
        private int connects;

        private Log(String name, String tenant, String channel) {
            this.name = name;
            this.tenant = tenant;
            this.channel = channel;
        }

        String name() {
            return name;
        }

        String tenant() {
            return tenant;
        }

        /**
         * An event as delivered: dropped (and counted) when its offset is not above the last kept one of the same
         * epoch — the client's dedup — otherwise kept. Returns whether it was kept.
         */
        synchronized boolean event(String channel, String dataTenant, int seq, long offset, String epoch, boolean rec) {
            if (epoch.equals(lastEpoch) && offset <= lastOffset) {
                deduplicated++;
                return false;
            }
            lastEpoch = epoch;
            lastOffset = offset;
            if (rec) {
                recovered++;
            }
            entries.add(new Received(channel, dataTenant, seq));
            return true;
        }

        /** A {@code resync}, or a recovery answered {@code recovered:false}; {@code why} names which. */
        synchronized void gap(String why) {
            entries.add(new Gap(why));
        }

        /** A new connection was opened (the first, or a reconnection). */
        synchronized void connected() {
            connects++;
        }

        /** The {@code since} entry for a resubscription, or null before any event. */
        synchronized String since() {
            return lastEpoch == null
                    ? null
                    : "{\"" + channel + "\":{\"offset\":" + lastOffset + ",\"epoch\":\"" + lastEpoch + "\"}}";
        }

        /** True once event {@code seq} of this subscriber's tenant was kept. */
        synchronized boolean hasReceived(int seq) {
            return entries.stream()
                    .anyMatch(e -> e instanceof Received r && r.seq() == seq && tenant.equals(r.dataTenant()));
        }

        private synchronized List<Entry> snapshot() {
            return List.copyOf(entries);
        }
    }

    sealed interface Entry permits Received, Gap {}

    record Received(String channel, String dataTenant, int seq) implements Entry {}

    record Gap(String why) implements Entry {}

    /** What the checker found; {@link #isClean()} when nothing was lost silently, repeated or leaked. */
    record Verdict(
            List<String> silentLosses,
            List<String> duplicates,
            List<String> crossTenant,
            Map<String, Map<Integer, Integer>> statusCounts,
            String refusals,
            int kept,
            int covered,
            String coveredSeqs,
            int gapNotices,
            int deduplicated,
            int recovered,
            int reconnects) {

        boolean isClean() {
            return silentLosses.isEmpty() && duplicates.isEmpty() && crossTenant.isEmpty();
        }

        /** The figures and every finding, one per line. */
        String report() {
            StringBuilder out = new StringBuilder();
            out.append("publishes by tenant and status: ").append(statusCounts).append('\n');
            out.append("publishes not answered 200 (status: sequence numbers): ")
                    .append(refusals)
                    .append('\n');
            out.append("events kept after dedup: ").append(kept).append('\n');
            out.append("dropped by the client's dedup: ").append(deduplicated).append('\n');
            out.append("received as recovered (since): ").append(recovered).append('\n');
            out.append("gap notices (resync or recovered:false): ")
                    .append(gapNotices)
                    .append('\n');
            out.append("200-answered events missing but covered by a gap notice: ")
                    .append(covered)
                    .append(covered == 0 ? "" : " (sequence numbers: " + coveredSeqs + ")")
                    .append('\n');
            out.append("reconnections: ").append(reconnects).append('\n');
            out.append("silent losses: ").append(silentLosses.size()).append('\n');
            out.append("duplicates after dedup: ").append(duplicates.size()).append('\n');
            out.append("cross-tenant deliveries: ").append(crossTenant.size()).append('\n');
            silentLosses.stream()
                    .limit(50)
                    .forEach(l -> out.append("  LOSS ").append(l).append('\n'));
            duplicates.stream()
                    .limit(50)
                    .forEach(d -> out.append("  DUPLICATE ").append(d).append('\n'));
            crossTenant.stream()
                    .limit(50)
                    .forEach(c -> out.append("  CROSS-TENANT ").append(c).append('\n'));
            return out.toString();
        }
    }

    /** Checks every subscriber against every publish; called once the run is over. */
    synchronized Verdict verdict() {
        List<String> losses = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> cross = new ArrayList<>();
        int kept = 0;
        int covered = 0;
        Map<String, SortedSet<Integer>> coveredSeqs = new TreeMap<>();
        int gaps = 0;
        int deduplicated = 0;
        int recovered = 0;
        int reconnects = 0;
        for (Log log : logs) {
            List<Entry> entries = log.snapshot();
            synchronized (log) {
                deduplicated += log.deduplicated;
                recovered += log.recovered;
                reconnects += Math.max(0, log.connects - 1);
            }
            Map<Integer, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof Received r) {
                    kept++;
                    if (!log.tenant.equals(r.dataTenant()) || !log.channel.equals(r.channel())) {
                        cross.add(log.name + " (" + log.tenant + ") received " + r);
                    } else if (firstIndex.putIfAbsent(r.seq(), i) != null) {
                        duplicates.add(log.name + " received seq " + r.seq() + " twice (entries "
                                + firstIndex.get(r.seq()) + " and " + i + ")");
                    }
                } else {
                    gaps++;
                }
            }
            Map<Integer, Integer> own = statuses.getOrDefault(log.tenant, Map.of());
            for (Map.Entry<Integer, Integer> publish : new TreeMap<>(own).entrySet()) {
                int seq = publish.getKey();
                if (publish.getValue() != 200 || firstIndex.containsKey(seq)) {
                    continue;
                }
                if (isCovered(entries, log.tenant, seq)) {
                    covered++;
                    coveredSeqs
                            .computeIfAbsent(log.tenant, t -> new TreeSet<>())
                            .add(seq);
                } else {
                    losses.add(log.name + " never received " + log.tenant + " seq " + seq
                            + " (answered 200) and no gap notice covers it");
                }
            }
        }
        Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
        statuses.forEach((tenant, byseq) -> byseq.values()
                .forEach(status ->
                        counts.computeIfAbsent(tenant, t -> new TreeMap<>()).merge(status, 1, Integer::sum)));
        return new Verdict(
                losses,
                duplicates,
                cross,
                counts,
                refusals(),
                kept,
                covered,
                coveredSeqs.entrySet().stream()
                        .map(e -> e.getKey() + " " + ranges(e.getValue()))
                        .collect(Collectors.joining("; ")),
                gaps,
                deduplicated,
                recovered,
                reconnects);
    }

    /** Per tenant, each status other than 200 with the runs of sequence numbers that got it: "503: 15-21". */
    private String refusals() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(statuses).forEach((tenant, byseq) -> {
            Map<Integer, StringBuilder> runs = new TreeMap<>();
            int runStart = 0;
            int previous = 0;
            int status = 200;
            for (Map.Entry<Integer, Integer> publish : new TreeMap<>(byseq).entrySet()) {
                boolean continues = publish.getKey() == previous + 1 && publish.getValue() == status;
                if (!continues) {
                    appendRun(runs, status, runStart, previous);
                    runStart = publish.getKey();
                    status = publish.getValue();
                }
                previous = publish.getKey();
            }
            appendRun(runs, status, runStart, previous);
            out.append(tenant)
                    .append(' ')
                    .append(runs.isEmpty() ? "none" : runs.toString())
                    .append("; ");
        });
        return out.toString();
    }

    private static void appendRun(Map<Integer, StringBuilder> runs, int status, int from, int to) {
        if (status != 200 && from > 0) {
            StringBuilder run = runs.computeIfAbsent(status, s -> new StringBuilder());
            run.append(run.length() == 0 ? "" : ",").append(from == to ? "" + from : from + "-" + to);
        }
    }

    /** "3-5,9" for {3, 4, 5, 9}. */
    static String ranges(SortedSet<Integer> numbers) {
        StringBuilder out = new StringBuilder();
        Integer from = null;
        Integer to = null;
        for (int n : numbers) {
            if (to != null && n == to + 1) {
                to = n;
                continue;
            }
            appendRange(out, from, to);
            from = n;
            to = n;
        }
        appendRange(out, from, to);
        return out.toString();
    }

    private static void appendRange(StringBuilder out, Integer from, Integer to) {
        if (from != null) {
            out.append(out.length() == 0 ? "" : ",").append(from.equals(to) ? "" + from : from + "-" + to);
        }
    }

    /** A gap notice lies between the last event below {@code seq} and the first above it that followed. */
    private static boolean isCovered(List<Entry> entries, String tenant, int seq) {
        int below = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Received r && tenant.equals(r.dataTenant()) && r.seq() < seq) {
                below = i;
            }
        }
        for (int i = below + 1; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry instanceof Gap) {
                return true;
            }
            if (entry instanceof Received r && tenant.equals(r.dataTenant()) && r.seq() > seq) {
                return false;
            }
        }
        return false;
    }
}
