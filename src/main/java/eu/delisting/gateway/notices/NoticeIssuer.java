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

    /**
     * Issues the wanted notices within the caller's transaction, skipping those whose URL is already
     * active for the addressee under the order. Takes the filing lock, so keep it for the end of a
     * filing's work.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IssuedNotice> issue(String orderId, List<NewNotice> wanted) {
        Instant now = clock.instant();
        Map<String, String> hashes = new HashMap<>();
        wanted.forEach(n -> hashes.computeIfAbsent(n.canonicalUrl(), Sha256::hex));
        Set<String> addressees = new LinkedHashSet<>();
        wanted.forEach(n -> addressees.add(n.addressee()));

        long next = notices.reserveSequence(wanted.size());
        Map<String, Notice> active = new HashMap<>();
        for (Notice existing : notices.active(orderId, addressees, new LinkedHashSet<>(hashes.values()))) {
            active.put(existing.addressee() + " " + existing.canonicalUrl(), existing);
        }
        List<IssuedNotice> issued = new ArrayList<>(wanted.size());
        List<NewEvent> created = new ArrayList<>();
        List<Notice> inserted = new ArrayList<>();
        for (NewNotice n : wanted) {
            String key = n.addressee() + " " + n.canonicalUrl();
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
        notices.insertAll(inserted);
        events.publish(created);
        return issued;
    }
}
