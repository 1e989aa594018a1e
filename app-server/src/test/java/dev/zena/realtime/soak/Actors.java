package dev.zena.realtime.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's clients, each a loop on its own thread until {@link #stop()}: steady subscribers that stay for the whole
 * run, churners that connect, subscribe, read a little, unsubscribe and leave, slow consumers that stop reading until
 * the server has had to give up on them, the two revocations the backend makes through the sync API (a member
 * removed from a project, a token revoked) and an administrator's disconnect through the admin API. Every message any of them receives goes through a {@link Ledger}.
 */
final class Actors {

    private static final Duration TOKEN_TTL = Duration.ofMinutes(2); // revoked jtis are kept until exp: bounded
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Large events a stalled client must miss before it reads again: far beyond its socket buffers and queue. */
    private static final int STALL_EVENTS = 256;

    private static final Map<String, List<String>> READABLE = Map.of(
            "acme-admin", List.of("project.acme-tower", "task.acme-t1", Backend.BULK),
            "acme-pm", List.of("project.acme-tower", "task.acme-t1"),
            "acme-member", List.of("project.acme-tower", "task.acme-t1"),
            "globex-admin", List.of("project.globex-dam"),
            "globex-member", List.of("project.globex-dam"));
    private static final List<String> CHURNING_USERS =
            READABLE.keySet().stream().sorted().toList(); // sorted: the seeds then pick the same users every run

    private final URI ws;
    private final Tokens tokens;
    private final Backend backend;
    private final Ledger.Book book;
    private final AtomicBoolean isStopping = new AtomicBoolean();
    private final Map<String, LongAdder> tally = new ConcurrentHashMap<>();

    Actors(URI ws, Tokens tokens, Backend backend, Ledger.Book book) {
        this.ws = ws;
        this.tokens = tokens;
        this.backend = backend;
        this.book = book;
    }

    /** Ends every loop at its next turn. */
    void stop() {
        isStopping.set(true);
    }

    /** Counts by name: connections, subscribes, revocations, slow consumers closed… */
    Map<String, Long> tally() {
        Map<String, Long> out = new TreeMap<>();
        tally.forEach((name, count) -> out.put(name, count.sum()));
        return out;
    }

    /** Opens a steady subscriber of {@code channels} before anything is published (the first event is offset 1). */
    Session steady(String user) {
        Session session = open(user, "steady " + user);
        List<String> channels = READABLE.get(user);
        if (session != null && !session.subscribe(channels, true).equals(channels)) {
            session.ledger().violation("steady subscriber not granted " + channels);
        }
        return session;
    }

    /** Reads {@code session} until stopped and then until it saw the last event published to each channel. */
    void readSteadily(Session session, String user) {
        while (!isStopping.get()) {
            session.read(Session.READ);
        }
        long until = System.nanoTime() + DEADLINE.toNanos();
        for (String channel : READABLE.get(user)) {
            while (session.ledger().offset(channel) < backend.published(channel) && System.nanoTime() < until) {
                session.read(Session.READ);
            }
            if (session.ledger().offset(channel) != backend.published(channel)) {
                session.ledger()
                        .violation(channel + ": saw up to offset "
                                + session.ledger().offset(channel) + " of " + backend.published(channel)
                                + " published");
            }
        }
        session.close();
    }

    /** Connects, subscribes to one or two channels, reads a few events, unsubscribes one, leaves; again. */
    void churn(long seed) {
        Random random = new Random(seed);
        while (!isStopping.get()) {
            String user = CHURNING_USERS.get(random.nextInt(CHURNING_USERS.size()));
            List<String> readable = new ArrayList<>(READABLE.get(user));
            readable.remove(Backend.BULK);
            Collections.shuffle(readable, random);
            List<String> channels = readable.subList(0, 1 + random.nextInt(readable.size()));
            try (Session session = open(user, "churner " + user)) {
                if (session == null) {
                    continue;
                }
                List<String> granted = session.subscribe(channels, false);
                count("subscribes", granted.size());
                if (!granted.equals(channels)) {
                    session.ledger().violation("churner not granted " + channels + ": " + granted);
                }
                readEvents(session, 1 + random.nextInt(20));
                session.unsubscribe(channels.get(0));
                count("unsubscribes", 1);
                if (channels.size() > 1) {
                    readEvents(session, random.nextInt(5)); // the channel still held
                }
            }
        }
    }

    /** Subscribes to the large events, stops reading until the server must have given up, then reads again. */
    void consumeSlowly() {
        while (!isStopping.get()) {
            try (Session session = open("acme-admin", "slow consumer")) {
                if (session == null
                        || session.subscribe(List.of(Backend.BULK), false).isEmpty()) {
                    continue;
                }
                session.stall();
                long missUntil = backend.published(Backend.BULK) + STALL_EVENTS;
                while (backend.published(Backend.BULK) < missUntil && !isStopping.get()) {
                    session.read(Session.READ); // nothing comes while stalled: this paces the wait
                }
                session.resume();
                long target = backend.published(Backend.BULK);
                long until = System.nanoTime() + DEADLINE.toNanos();
                while (!session.isClosed()
                        && session.ledger().offset(Backend.BULK) < target
                        && System.nanoTime() < until) {
                    session.read(Session.READ);
                }
                if (session.isClosed()) {
                    int code = session.awaitClose(DEADLINE);
                    count(code == 4009 ? "slow_closed_4009" : "slow_closed_other", 1);
                    if (code != 4009) {
                        session.ledger().violation("slow consumer closed with " + code + ", not 4009");
                    }
                } else {
                    count("slow_caught_up", 1);
                }
            }
        }
    }

    /** Subscribes with a token, has the backend revoke it, and expects the close 4003 (SPEC §4.2). */
    void revokeTokens() {
        while (!isStopping.get()) {
            Tokens.Token token = tokens.issue("acme-member", TOKEN_TTL);
            Session session = Session.open(ws, token.jwt(), book.open("revoked token"));
            if (session == null) {
                continue;
            }
            count("connections", 1);
            session.subscribe(List.of("task.acme-t1"), false);
            readEvents(session, 20); // about 2 s of its events: revocations at the pace of the churn

            if (backend.revoke(token.jti(), token.exp())) {
                int code = session.awaitClose(DEADLINE);
                count(code == 4003 ? "revoked_token_4003" : "revoked_token_other", 1);
                if (code != 4003) {
                    session.ledger().violation("revoked token closed with " + code + ", not 4003");
                }
            }
            session.close();
        }
    }

    /** Subscribes, reads a while, and is disconnected by acme's administrator: the close 4010 (SPEC §3, §6). */
    void disconnectByAdmin() {
        String admin = tokens.issue("acme-admin", Duration.ofHours(1)).jwt();
        while (!isStopping.get()) {
            try (Session session = open("acme-pm", "disconnected by admin")) {
                if (session == null) {
                    continue;
                }
                session.subscribe(List.of("project.acme-tower"), false);
                readEvents(session, 20);
                if (backend.disconnect(session.connectionId(), admin)) {
                    int code = session.awaitClose(DEADLINE);
                    count(code == 4010 ? "admin_disconnect_4010" : "admin_disconnect_other", 1);
                    if (code != 4010) {
                        session.ledger().violation("disconnected by admin, closed with " + code + ", not 4010");
                    }
                }
            }
        }
    }

    /** Removes acme-client from acme-tower and adds it back, again and again, on one subscribed connection. */
    void revokeMembership() {
        try (Session session = open("acme-client", "member removed")) {
            while (session != null
                    && !isStopping.get()
                    && backend.towerMembers(List.of("acme-member", "acme-client"))) {
                if (session.subscribe(List.of("project.acme-tower"), false).isEmpty()) {
                    session.ledger().violation("member added back, yet its subscription was denied");
                    return;
                }
                readEvents(session, 20); // about 2 s of its events: revocations at the pace of the churn
                if (!backend.towerMembers(List.of("acme-member"))) {
                    return;
                }
                JsonNode lost = session.await("unsubscription", DEADLINE);
                if (lost == null || !lost.path("reason").path("code").asText().equals("FORBIDDEN")) {
                    session.ledger().violation("no unsubscription with FORBIDDEN after removal: " + lost);
                    return;
                }
                count("revoked_membership", 1);
            }
        }
    }

    private Session open(String user, String who) {
        Session session =
                Session.open(ws, tokens.issue(user, Duration.ofHours(1)).jwt(), book.open(who));
        count("connections", 1);
        return session;
    }

    /** Reads until {@code events} events arrived (of any held channel), the connection closed, or the deadline. */
    private void readEvents(Session session, int events) {
        long until = System.nanoTime() + DEADLINE.toNanos();
        int seen = 0;
        while (seen < events && !session.isClosed() && System.nanoTime() < until && !isStopping.get()) {
            JsonNode message = session.read(Session.READ);
            if (message != null && message.path("type").asText().equals("event")) {
                seen++;
            }
        }
    }

    private void count(String name, long n) {
        tally.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }
}
