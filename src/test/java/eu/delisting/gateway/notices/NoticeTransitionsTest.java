package eu.delisting.gateway.notices;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The notice's one transition table, as the entity and the sweeps both read it. */
class NoticeTransitionsTest {

    @Test
    void aRejectedExpiredOrCancelledNoticeStaysClosedWhateverTheEngineReports() {
        for (NoticeStatus closed : EnumSet.of(NoticeStatus.REJECTED, NoticeStatus.EXPIRED, NoticeStatus.CANCELLED)) {
            for (Notice.Move move : Notice.Move.values()) {
                assertThat(Notice.after(closed, move)).as(closed + " " + move).isEmpty();
            }
        }
    }

    @Test
    void aDelistingIsNotUndoneByALaterReceipt() {
        assertThat(Notice.after(NoticeStatus.DELISTED, Notice.Move.REPORT_RECEIVED)).isEmpty();
        assertThat(Notice.after(NoticeStatus.RECEIVED, Notice.Move.REPORT_DELISTED)).contains(NoticeStatus.DELISTED);
    }

    @Test
    void servingStartsDeadlinesOfWaitingAndAlreadyHandledNotices() {
        assertThat(Notice.statusesAllowing(Notice.Move.SERVE))
                .containsExactlyInAnyOrder(NoticeStatus.PENDING_NOTIFICATION, NoticeStatus.RECEIVED, NoticeStatus.DELISTED);
        assertThat(Notice.after(NoticeStatus.PENDING_NOTIFICATION, Notice.Move.SERVE)).contains(NoticeStatus.PENDING);
    }

    @Test
    void theSweepsSelectExactlyTheStatesTheTableAllows() {
        assertThat(Notice.statusesAllowing(Notice.Move.FALL_DUE))
                .containsExactlyInAnyOrder(NoticeStatus.PENDING, NoticeStatus.RECEIVED);
        assertThat(Notice.statusesAllowing(Notice.Move.EXPIRE))
                .containsExactlyInAnyOrder(NoticeStatus.PENDING, NoticeStatus.RECEIVED, NoticeStatus.DELISTED);
        assertThat(Notice.sqlStatusesAllowing(Notice.Move.FALL_DUE)).isEqualTo("'PENDING', 'RECEIVED'");
    }

    @Test
    void theActiveStatesAreThoseThatCanStillBeCancelled() {
        // The database derives the active-URL hash from the same list (migration V5).
        assertThat(Notice.statusesAllowing(Notice.Move.CANCEL)).isEqualTo(NoticeStatus.ACTIVE);
    }
}
