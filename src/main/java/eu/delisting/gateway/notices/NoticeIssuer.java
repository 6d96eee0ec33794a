package eu.delisting.gateway.notices;

import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.hashing.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Issues the notices of a filing: one per URL and addressee, unless the URL is already under notice. */
@ApplicationScoped
public class NoticeIssuer {

    private final NoticeRepository notices;
    private final EventLog events;
    private final Clock clock;

    NoticeIssuer(NoticeRepository notices, EventLog events, Clock clock) {
        this.notices = notices;
        this.events = events;
        this.clock = clock;
    }

    /** One notice of a filing: created now, or the one already active for that URL and addressee. */
    public record IssuedNotice(int index, String addressee, String claimant, String noticeId, NoticeStatus status,
                               Instant dueAt, boolean created) {
    }

    /** The notices of a filing, decided by {@link #plan} and written by {@link #write}. */
    public static final class Issue {
        private final List<IssuedNotice> notices;
        private final List<Notice> inserted;
        private final List<NewEvent> events;

        private Issue(List<IssuedNotice> notices, List<Notice> inserted, List<NewEvent> events) {
            this.notices = List.copyOf(notices);
            this.inserted = inserted;
            this.events = events;
        }

        /** Every wanted notice, in the order asked: created now, or the one already active. */
        public List<IssuedNotice> notices() {
            return notices;
        }

        /** How many notices this filing creates. */
        public int created() {
            return inserted.size();
        }
    }

    /**
     * Decides the wanted notices within the caller's transaction, skipping those whose URL is already
     * active for the addressee under the order; nothing is written but their feed positions. Takes the
     * filing lock, so keep it for the end of a filing's work. The rows they reference (the filing's
     * request) are written before {@link #write}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Issue plan(String orderId, List<NewNotice> wanted) {
        Instant now = clock.instant();
        Map<String, String> hashes = new HashMap<>();
        wanted.forEach(n -> hashes.computeIfAbsent(n.canonicalUrl(), Sha256::hex));
        Set<String> addressees = new LinkedHashSet<>();
        wanted.forEach(n -> addressees.add(n.addressee()));

        long next = notices.reserveSequence(wanted.size());
        Map<String, Notice> active = new HashMap<>();
        for (Notice existing : notices.active(orderId, addressees, new LinkedHashSet<>(hashes.values()))) {
            active.put(existing.addressee() + " " + existing.urlHash(), existing);
        }
        List<IssuedNotice> issued = new ArrayList<>(wanted.size());
        List<NewEvent> created = new ArrayList<>();
        List<Notice> inserted = new ArrayList<>();
        for (NewNotice n : wanted) {
            String key = n.addressee() + " " + hashes.get(n.canonicalUrl());
            Notice existing = active.get(key);
            if (existing != null) {
                issued.add(new IssuedNotice(n.index(), n.addressee(), existing.claimant(), existing.id(),
                        existing.status(), existing.dueAt(), false));
                continue;
            }
            Notice notice = Notice.issue(next++, n, now);
            inserted.add(notice);
            active.put(key, notice);
            issued.add(new IssuedNotice(n.index(), n.addressee(), notice.claimant(), notice.id(), notice.status(),
                    notice.dueAt(), true));
            created.add(new NewEvent(notice.addressee(), EventType.NOTICE_CREATED, orderId, notice.id(), Map.of(
                    "url", notice.canonicalUrl(), "status", notice.status().name(),
                    "dueAt", String.valueOf(notice.dueAt()))));
        }
        return new Issue(issued, inserted, created);
    }

    /** Writes the planned notices (one JDBC batch) and publishes their {@code NOTICE_CREATED} events. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(Issue issue) {
        notices.insertAll(issue.inserted);
        events.publish(issue.events);
    }
}
