package eu.delisting.gateway.notices;

import eu.delisting.gateway.hashing.Sha256;
import eu.delisting.gateway.scope.ScopeKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinColumns;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One URL to delist, addressed to one search engine under one order. Its state changes only through
 * the methods here, which keep the status, the lateness flag, the active-URL key and the version
 * (the ETag) consistent.
 */
@Entity
@Table(name = "notice")
public class Notice {

    @Id
    private String id;

    // What the notice is (its feed position, which is also its clustered key, the order, the URL, the parties)
    // never changes once issued: left out of every UPDATE.
    @Column(nullable = false, updatable = false)
    private long seq;

    @Column(name = "order_id", nullable = false, updatable = false)
    private String orderId;

    @Column(name = "request_id", nullable = false, updatable = false)
    private String requestId;

    @Column(name = "claimant_id", nullable = false, updatable = false)
    private String claimant;

    @Column(name = "addressee_id", nullable = false, updatable = false)
    private String addressee;

    /** The position of the request item the notice was issued for, in its request. */
    @Column(name = "item_position", nullable = false, updatable = false)
    private int itemPosition;

    /** The SHA-256 of the canonical URL (hex): the one-active-notice key's and a lookup by URL's. */
    @Column(name = "url_hash", nullable = false, updatable = false)
    private String urlHash;

    /**
     * The URL as filed, canonical, and the scope entry that admitted it: the request item's, stored once for
     * every addressee (V17), loaded when read, a page's together.
     */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumns({
            @JoinColumn(name = "request_id", referencedColumnName = "request_id", insertable = false, updatable = false),
            @JoinColumn(name = "item_position", referencedColumnName = "position", insertable = false, updatable = false)})
    private NoticeItem item;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NoticeStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "due_at")
    private Instant dueAt;

    @Column(name = "measure_ends_at")
    private Instant measureEndsAt;

    @Column(nullable = false)
    private boolean overdue;

    @Column(nullable = false)
    private boolean late;

    /** Derived by the database from the status (a generated column): read-only here. */
    @Column(name = "active_url_hash", insertable = false, updatable = false)
    private String activeUrlHash;

    @Column(nullable = false)
    private int version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Notice() {
    }

    /** What can happen to a notice: an engine's report, or a decision of the gateway. */
    public enum Move {
        REPORT_RECEIVED, REPORT_DELISTED, REPORT_REJECTED,
        /** The addressee was served: deadlines start. */
        SERVE,
        /** The due instant passed without a delisting: the notice is flagged overdue. */
        FALL_DUE,
        /** The measure ended: relisting permitted. */
        EXPIRE,
        /** The order was suspended or lifted. */
        CANCEL;

        static Move report(NoticeStatus reported) {
            return switch (reported) {
                case RECEIVED -> REPORT_RECEIVED;
                case DELISTED -> REPORT_DELISTED;
                case REJECTED -> REPORT_REJECTED;
                default -> throw new IllegalArgumentException("An engine reports RECEIVED, DELISTED or REJECTED, not "
                        + reported);
            };
        }
    }

    /**
     * The notice's state machine, the one table every change follows: the entity's methods below
     * and the sweeps' set-based updates (through {@link #statusesAllowing}). A move absent for a
     * state does not change the status: an engine's report is still appended as evidence, but a
     * rejected, expired or cancelled notice stays closed, and a delisting is not undone by a later
     * "received". Filing the URL again opens a new notice.
     */
    private static final Map<NoticeStatus, Map<Move, NoticeStatus>> TRANSITIONS = transitions();

    private static Map<NoticeStatus, Map<Move, NoticeStatus>> transitions() {
        Map<NoticeStatus, Map<Move, NoticeStatus>> t = new EnumMap<>(NoticeStatus.class);
        for (NoticeStatus s : NoticeStatus.values()) {
            t.put(s, new EnumMap<>(Move.class));
        }
        t.get(NoticeStatus.PENDING_NOTIFICATION).putAll(Map.of(Move.REPORT_RECEIVED, NoticeStatus.RECEIVED,
                Move.REPORT_DELISTED, NoticeStatus.DELISTED, Move.REPORT_REJECTED, NoticeStatus.REJECTED,
                Move.SERVE, NoticeStatus.PENDING, Move.CANCEL, NoticeStatus.CANCELLED));
        t.get(NoticeStatus.PENDING).putAll(Map.of(Move.REPORT_RECEIVED, NoticeStatus.RECEIVED,
                Move.REPORT_DELISTED, NoticeStatus.DELISTED, Move.REPORT_REJECTED, NoticeStatus.REJECTED,
                Move.FALL_DUE, NoticeStatus.PENDING, Move.EXPIRE, NoticeStatus.EXPIRED, Move.CANCEL, NoticeStatus.CANCELLED));
        t.get(NoticeStatus.RECEIVED).putAll(Map.of(Move.REPORT_RECEIVED, NoticeStatus.RECEIVED,
                Move.REPORT_DELISTED, NoticeStatus.DELISTED, Move.REPORT_REJECTED, NoticeStatus.REJECTED,
                Move.SERVE, NoticeStatus.RECEIVED, Move.FALL_DUE, NoticeStatus.RECEIVED,
                Move.EXPIRE, NoticeStatus.EXPIRED, Move.CANCEL, NoticeStatus.CANCELLED));
        t.get(NoticeStatus.DELISTED).putAll(Map.of(Move.REPORT_DELISTED, NoticeStatus.DELISTED,
                Move.REPORT_REJECTED, NoticeStatus.REJECTED, Move.SERVE, NoticeStatus.DELISTED,
                Move.EXPIRE, NoticeStatus.EXPIRED, Move.CANCEL, NoticeStatus.CANCELLED));
        t.replaceAll((s, moves) -> Collections.unmodifiableMap(moves));
        return Collections.unmodifiableMap(t);
    }

    /** Where the move takes a notice in this state; empty if the move does not apply to it. */
    public static Optional<NoticeStatus> after(NoticeStatus from, Move move) {
        return Optional.ofNullable(TRANSITIONS.get(from).get(move));
    }

    /** The states in which the move applies: what a set-based update selects. */
    public static Set<NoticeStatus> statusesAllowing(Move move) {
        Set<NoticeStatus> from = EnumSet.noneOf(NoticeStatus.class);
        TRANSITIONS.forEach((status, moves) -> {
            if (moves.containsKey(move)) {
                from.add(status);
            }
        });
        return from;
    }

    /**
     * The one state a move leads to from every state that allows it, for a set-based update that writes the
     * new state without reading each row (EXPIRE: EXPIRED). A move whose outcome depends on the state has none.
     */
    static NoticeStatus statusAfterBulk(Move move) {
        Set<NoticeStatus> targets = EnumSet.noneOf(NoticeStatus.class);
        TRANSITIONS.values().forEach(moves -> {
            if (moves.containsKey(move)) {
                targets.add(moves.get(move));
            }
        });
        if (targets.size() != 1) {
            throw new IllegalArgumentException(move + " leads to " + targets + ": not one state for a bulk update");
        }
        return targets.iterator().next();
    }

    /** {@link #statusesAllowing} as an SQL list of literals, for the sweeps' set-based updates. */
    static String sqlStatusesAllowing(Move move) {
        return statusesAllowing(move).stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    static Notice issue(long seq, NewNotice n, Instant now) {
        Notice notice = new Notice();
        notice.id = UUID.randomUUID().toString();
        notice.seq = seq;
        notice.orderId = n.orderId();
        notice.requestId = n.requestId();
        notice.claimant = n.claimant();
        notice.addressee = n.addressee();
        notice.itemPosition = n.index();
        notice.urlHash = Sha256.hex(n.canonicalUrl());
        notice.item = NoticeItem.of(n);
        notice.dueAt = n.dueAt();
        notice.measureEndsAt = n.measureEndsAt();
        notice.status = n.dueAt() == null ? NoticeStatus.PENDING_NOTIFICATION : NoticeStatus.PENDING;
        notice.createdAt = now;
        notice.updatedAt = now;
        notice.version = 1;
        return notice;
    }

    /**
     * Appends an acknowledgement. Always accepted, even late, even after the measure ended: losing
     * evidence is worse than lateness. The status moves only as {@link #TRANSITIONS} says.
     */
    Acknowledgement acknowledge(NoticeStatus reported, Instant effectiveAt, List<String> territories,
                                List<String> frontEnds, RejectionReason reason, String comment, String organisation,
                                String subject, Instant now) {
        Move move = Move.report(reported);
        boolean lateDelisting = reported == NoticeStatus.DELISTED && dueAt != null && effectiveAt.isAfter(dueAt);
        Optional<NoticeStatus> next = after(status, move);
        if (next.isPresent()) {
            if (next.get() == NoticeStatus.DELISTED && status != NoticeStatus.DELISTED) {
                late = lateDelisting;
            }
            status = next.get();
        }
        version++;
        updatedAt = now;
        return new Acknowledgement(id, reported, effectiveAt, now, territories, frontEnds, reason, comment,
                lateDelisting, organisation, subject);
    }

    /** The order was suspended or lifted: the notice no longer stands, and relisting is permitted. */
    void cancel(Instant now) {
        Optional<NoticeStatus> next = after(status, Move.CANCEL);
        if (next.isPresent()) {
            status = next.get();
            version++;
            updatedAt = now;
        }
    }

    /** The addressee was served: the deadlines start. */
    void startDeadlines(Instant due, Instant measureEnd, Instant now) {
        NoticeStatus next = after(status, Move.SERVE).orElseThrow(() -> new IllegalStateException(
                "A " + status + " notice does not start deadlines"));
        if (dueAt != null) {
            throw new IllegalStateException("The deadlines of this notice have started already");
        }
        dueAt = due;
        measureEndsAt = measureEnd;
        status = next;
        version++;
        updatedAt = now;
    }

    public String id() {
        return id;
    }

    public long seq() {
        return seq;
    }

    public String orderId() {
        return orderId;
    }

    public String requestId() {
        return requestId;
    }

    public String claimant() {
        return claimant;
    }

    public String addressee() {
        return addressee;
    }

    public int itemPosition() {
        return itemPosition;
    }

    public String urlHash() {
        return urlHash;
    }

    public String filedUrl() {
        return item.filedUrl();
    }

    public String canonicalUrl() {
        return item.canonicalUrl();
    }

    public ScopeKind matchedKind() {
        return item.matchedKind();
    }

    public String matchedValue() {
        return item.matchedValue();
    }

    public NoticeStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant measureEndsAt() {
        return measureEndsAt;
    }

    public boolean overdue() {
        return overdue;
    }

    public boolean late() {
        return late;
    }

    public int version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The ETag of this version of the notice. */
    public String etag() {
        return "\"" + id.substring(0, 8) + "-" + version + "\"";
    }
}
