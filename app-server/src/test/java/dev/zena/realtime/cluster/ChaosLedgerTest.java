package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chaos checker itself: it must find each kind of failure it exists for, and accept a told gap. */
class ChaosLedgerTest {

    private final ChaosLedger ledger = new ChaosLedger();
    private final ChaosLedger.Log acme = ledger.subscriber("s1", "acme", "project.acme-tower");

    @Test
    void everyAnsweredEventReceivedIsClean() {
        publish("acme", 1, 200);
        publish("acme", 2, 503);
        acme.event("project.acme-tower", "acme", 1, 1, "e1", false);

        assertThat(ledger.verdict().isClean()).isTrue();
    }

    @Test
    void anAnsweredEventNeverReceivedWithoutAGapNoticeIsASilentLoss() {
        publish("acme", 1, 200);
        publish("acme", 2, 200);
        publish("acme", 3, 200);
        acme.event("project.acme-tower", "acme", 1, 1, "e1", false);
        acme.event("project.acme-tower", "acme", 3, 3, "e1", false);

        ChaosLedger.Verdict verdict = ledger.verdict();
        assertThat(verdict.silentLosses()).singleElement().asString().contains("seq 2");
    }

    @Test
    void aGapNoticeAtThePlaceOfTheHoleCoversIt() {
        publish("acme", 1, 200);
        publish("acme", 2, 200);
        publish("acme", 3, 200);
        acme.event("project.acme-tower", "acme", 1, 1, "e1", false);
        acme.gap("resync");
        acme.event("project.acme-tower", "acme", 3, 1, "e2", false);

        assertThat(ledger.verdict().isClean()).isTrue();
        assertThat(ledger.verdict().covered()).isEqualTo(1);
        assertThat(ledger.verdict().coveredSeqs()).isEqualTo("acme 2");
    }

    @Test
    void aGapNoticeBeforeTheLastEventBelowTheHoleDoesNotCoverIt() {
        publish("acme", 1, 200);
        publish("acme", 2, 200);
        publish("acme", 3, 200);
        acme.gap("resync");
        acme.event("project.acme-tower", "acme", 1, 1, "e1", false);
        acme.event("project.acme-tower", "acme", 3, 3, "e1", false);

        assertThat(ledger.verdict().silentLosses()).hasSize(1);
    }

    @Test
    void theClientsDedupDropsARepeatedOffsetButNotARepeatedEventUnderAnotherPosition() {
        publish("acme", 1, 200);
        assertThat(acme.event("project.acme-tower", "acme", 1, 1, "e1", false)).isTrue();
        assertThat(acme.event("project.acme-tower", "acme", 1, 1, "e1", true)).isFalse();
        assertThat(ledger.verdict().isClean()).isTrue();

        acme.event("project.acme-tower", "acme", 1, 2, "e1", false);
        assertThat(ledger.verdict().duplicates()).singleElement().asString().contains("seq 1 twice");
    }

    @Test
    void anEventOfAnotherTenantIsACrossTenantDelivery() {
        publish("globex", 1, 200);
        acme.event("project.globex-dam", "globex", 1, 1, "e1", false);

        assertThat(ledger.verdict().crossTenant()).hasSize(1);
    }

    @Test
    void theReportNamesTheRunsOfRefusedPublishes() {
        publish("acme", 1, 200);
        publish("acme", 2, 503);
        publish("acme", 3, 503);
        publish("acme", 4, 200);
        publish("acme", 5, 500);
        publish("acme", 6, 503);

        assertThat(ledger.verdict().refusals()).isEqualTo("acme {500=5, 503=2-3,6}; ");
    }

    @Test
    void rangesJoinConsecutiveNumbers() {
        assertThat(ChaosLedger.ranges(new java.util.TreeSet<>(java.util.List.of(3, 4, 5, 9, 11, 12))))
                .isEqualTo("3-5,9,11-12");
    }

    @Test
    void sinceNamesTheLastKeptPosition() {
        assertThat(acme.since()).isNull();
        acme.event("project.acme-tower", "acme", 1, 7, "e1", false);
        assertThat(acme.since()).isEqualTo("{\"project.acme-tower\":{\"offset\":7,\"epoch\":\"e1\"}}");
    }

    private void publish(String tenant, int seq, int status) {
        ledger.published(tenant, seq, status);
    }
}
