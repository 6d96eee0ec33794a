package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.DatabaseTime;
import eu.delisting.gateway.paging.Paging;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

@ApplicationScoped
class NoticeRepository implements PanacheRepositoryBase<Notice, String> {

    /**
     * Notices read to be shown, with their request items (their URLs) in the same query. Other reads load the items
     * of the notices they show together, in one query (see {@link NoticeItem}). A clause after it names the notice's
     * identifier {@code n.id}: a bare {@code id} would also be the item's.
     */
    private static final String WITH_ITEM = "from Notice n join fetch n.item where ";

    /**
     * Takes the filing lock and reserves {@code count} feed positions. Held until commit, so feed
     * positions become visible in the order they were handed out.
     */
    long reserveSequence(int count) {
        var em = getEntityManager();
        Number next = (Number) em.createNativeQuery("SELECT next FROM notice_sequence WHERE id = 1 FOR UPDATE")
                .getSingleResult();
        em.createNativeQuery("UPDATE notice_sequence SET next = next + ?1 WHERE id = 1")
                .setParameter(1, count).executeUpdate();
        return next.longValue();
    }

    /**
     * Inserts newly issued notices as one JDBC batch (the driver sends it as multi-row INSERTs), outside the
     * persistence context: a filing's thousands of notices are written once and never changed in its transaction,
     * so Hibernate would only snapshot and dirty-check them at flush. Later reads in the transaction see the rows.
     * Their count per addressee and state goes to the gauges' tally in the same transaction (a few rows; state changes
     * and deletes reach it through the notice table's triggers, V16).
     */
    void insertAll(List<Notice> issued) {
        if (issued.isEmpty()) {
            return;
        }
        // The rows they reference (the filing's request) written first.
        getEntityManager().flush();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notice (id, seq, order_id,"
                    + " request_id, item_position, url_hash, claimant_id, addressee_id, status, created_at, due_at,"
                    + " measure_ends_at, overdue, late, version, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Notice n : issued) {
                    insert.setString(1, n.id());
                    insert.setLong(2, n.seq());
                    insert.setString(3, n.orderId());
                    insert.setString(4, n.requestId());
                    insert.setInt(5, n.itemPosition());
                    insert.setString(6, n.urlHash());
                    insert.setString(7, n.claimant());
                    insert.setString(8, n.addressee());
                    insert.setString(9, n.status().name());
                    insert.setObject(10, DatabaseTime.toColumn(n.createdAt()));
                    insert.setObject(11, DatabaseTime.toColumn(n.dueAt()));
                    insert.setObject(12, DatabaseTime.toColumn(n.measureEndsAt()));
                    insert.setBoolean(13, n.overdue());
                    insert.setBoolean(14, n.late());
                    insert.setInt(15, n.version());
                    insert.setObject(16, DatabaseTime.toColumn(n.updatedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            // The gauges' tally (V16): this filing's notices, a change per addressee and state.
            Map<NoticeTallyRepository.Key, Integer> added = new java.util.LinkedHashMap<>();
            issued.forEach(n -> added.merge(new NoticeTallyRepository.Key(n.addressee(), n.status().name()), 1,
                    Integer::sum));
            StringBuilder sql = new StringBuilder("INSERT INTO notice_tally_change (addressee_id, status, delta) VALUES ");
            sql.append(String.join(",", java.util.Collections.nCopies(added.size(), "(?, ?, ?)")));
            try (PreparedStatement tally = connection.prepareStatement(sql.toString())) {
                int p = 1;
                for (Map.Entry<NoticeTallyRepository.Key, Integer> e : added.entrySet()) {
                    tally.setString(p++, e.getKey().addressee());
                    tally.setString(p++, e.getKey().status());
                    tally.setInt(p++, e.getValue());
                }
                tally.executeUpdate();
            }
        });
    }

    List<Notice> active(String orderId, Collection<String> addressees, Collection<String> urlHashes) {
        if (addressees.isEmpty() || urlHashes.isEmpty()) {
            return List.of();
        }
        return list("orderId = :order and addressee in :addressees and activeUrlHash in :hashes",
                Parameters.with("order", orderId).and("addressees", addressees).and("hashes", urlHashes));
    }

    /**
     * The notices with these ids, row-locked until commit, by id (ids of no notice are absent), locked in id order
     * so that batches naming the same notices in another order queue behind one another instead of deadlocking.
     * In a transaction that has read no entity yet (an acknowledgement, single or batch), one statement reads and
     * locks the rows; otherwise two, the locking read then the load, which refreshes a copy this transaction read
     * before another one changed it. Plain {@code FOR UPDATE} in native SQL: Hibernate's MySQL 8 form,
     * {@code FOR UPDATE OF alias}, is not understood by MariaDB.
     */
    Map<String, Notice> lockAll(Collection<String> ids) {
        List<String> sorted = ids.stream().filter(Objects::nonNull).distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return Map.of();
        }
        List<Notice> rows;
        if (getEntityManager().unwrap(Session.class).getStatistics().getEntityCount() == 0) {
            rows = getEntityManager()
                    .createNativeQuery("SELECT * FROM notice WHERE id IN (?1) ORDER BY id FOR UPDATE", Notice.class)
                    .setParameter(1, sorted).getResultList().stream().map(Notice.class::cast).toList();
        } else {
            rows = lockThenLoad(getEntityManager()
                            .createNativeQuery("SELECT id, version FROM notice WHERE id IN (?1) ORDER BY id FOR UPDATE")
                            .setParameter(1, sorted),
                    locking -> list("id in ?1", locking));
        }
        Map<String, Notice> locked = new HashMap<>();
        rows.forEach(n -> locked.put(n.id(), n));
        return locked;
    }

    /**
     * The order's notices in these states, row-locked until commit in id order (as {@link #lockAll}, in chunks of
     * as many ids as a batch may name), and, when {@code addressee} is given, only that addressee's notices that have no
     * deadline yet. For amendments, which hold the order's exclusive lock, so that no notice of the order is added
     * meanwhile: the candidates are read first, then locked, and those that left these states in between left out.
     */
    List<Notice> lockOfOrder(String orderId, String addressee, Collection<NoticeStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        String ofAddressee = addressee == null ? "" : " AND addressee_id = ?3 AND due_at IS NULL";
        var candidates = getEntityManager().createNativeQuery("SELECT id FROM notice WHERE order_id = ?1"
                        + " AND status IN (?2)" + ofAddressee)
                .setParameter(1, orderId).setParameter(2, statuses.stream().map(Enum::name).toList());
        if (addressee != null) {
            candidates.setParameter(3, addressee);
        }
        List<String> ids = candidates.getResultList().stream().map(String.class::cast).sorted().toList();
        List<Notice> locked = new java.util.ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += Paging.MAX_ITEMS) {
            Map<String, Notice> chunk = lockAll(ids.subList(from, Math.min(ids.size(), from + Paging.MAX_ITEMS)));
            chunk.values().stream()
                    .filter(n -> statuses.contains(n.status()))
                    .filter(n -> addressee == null || (addressee.equals(n.addressee()) && n.dueAt() == null))
                    .sorted(java.util.Comparator.comparing(Notice::id))
                    .forEach(locked::add);
        }
        return locked;
    }

    /**
     * Runs the locking read (rows of id and version), then loads the locked notices; a notice this transaction
     * had read before another one changed it is refreshed: the locked row is the truth.
     */
    private List<Notice> lockThenLoad(jakarta.persistence.Query lock,
                                      java.util.function.Function<Collection<String>, List<Notice>> load) {
        // Changes of this transaction written first, so that a refresh below never discards one.
        getEntityManager().flush();
        Map<String, Integer> versions = new HashMap<>();
        for (Object[] row : rows(lock.getResultList())) {
            versions.put((String) row[0], ((Number) row[1]).intValue());
        }
        if (versions.isEmpty()) {
            return List.of();
        }
        List<Notice> locked = new java.util.ArrayList<>(versions.size());
        for (Notice notice : load.apply(versions.keySet())) {
            Integer version = versions.get(notice.id());
            if (version == null) {
                continue;
            }
            if (notice.version() != version) {
                getEntityManager().refresh(notice);
            }
            locked.add(notice);
        }
        return locked;
    }

    /** The notice, row-locked until commit (see {@link #lockAll}). */
    Optional<Notice> lockById(String id) {
        return Optional.ofNullable(lockAll(id == null ? List.of() : List.of(id)).get(id));
    }

    /** The notice with this id if it matches the caller's visibility clause. */
    Optional<Notice> findVisible(String id, String visibility, Parameters parameters) {
        return find(WITH_ITEM + "n.id = :id and (" + visibility + ")", parameters.and("id", id)).firstResultOptional();
    }

    /**
     * A page of the feed, projected straight to the views it answers with (the notice's columns and its request
     * item's URL, one query): a poll never changes a notice, so no entity is built, registered or dirty-checked.
     */
    List<NoticeView> page(String where, Parameters parameters, int limit) {
        var query = getEntityManager().createQuery("select new " + NoticeView.class.getName()
                + "(n.id, n.seq, n.orderId, n.requestId, n.claimant, n.addressee, i.filedUrl, i.canonicalUrl,"
                + " i.matchedKind, i.matchedValue, n.status, n.createdAt, n.dueAt, n.measureEndsAt, n.overdue, n.late,"
                + " n.version) from Notice n join n.item i where " + where + " order by n.seq", NoticeView.class);
        parameters.map().forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /** At most {@code limit} of the order's notices after a feed position and up to another, in feed order. */
    List<Notice> ofOrderBetween(String orderId, long afterSeq, long throughSeq, int limit) {
        return find(WITH_ITEM + "orderId = ?1 and seq > ?2 and seq <= ?3 order by n.seq", orderId, afterSeq, throughSeq)
                .page(0, limit).list();
    }

    /** The feed position of the order's newest notice (0 if none), from the notice_feed_order index. */
    long lastPosition(String orderId) {
        Object last = getEntityManager().createNativeQuery("SELECT MAX(seq) FROM notice WHERE order_id = ?1")
                .setParameter(1, orderId).getSingleResult();
        return last == null ? 0 : ((Number) last).longValue();
    }

    List<Notice> ofRequest(String requestId) {
        return list(WITH_ITEM + "requestId = ?1 order by n.seq", requestId);
    }

    /** Per request, addressee and state, how many notices these requests created: rows of (request, addressee, state, count). */
    List<Object[]> countsByRequest(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("select n.requestId, n.addressee, n.status, count(n) from Notice n"
                        + " where n.requestId in :ids group by n.requestId, n.addressee, n.status", Object[].class)
                .setParameter("ids", requestIds).getResultList();
    }

    /**
     * The order's notices for these URLs (the SHA-256 of their canonical forms) filed by other claimants up to
     * {@code asOf}, oldest first.
     */
    List<Notice> ofOtherClaimants(String orderId, String claimant, java.util.Collection<String> urlHashes,
                                  java.time.Instant asOf) {
        return list("orderId = ?1 and claimant <> ?2 and urlHash in ?3 and createdAt <= ?4 order by seq",
                orderId, claimant, urlHashes, asOf);
    }

    /**
     * The overdue sweep's claim ({@code ?1} now, {@code ?2} the batch): a range of the sweep's own index, named so
     * that the plan does not hang on the table's statistics (on a small or freshly loaded table MariaDB chose the
     * other sweep's index).
     */
    static final String CLAIM_FALLING_DUE = "SELECT id, order_id, claimant_id, addressee_id, due_at FROM notice"
            + " FORCE INDEX (notice_overdue_sweep)"
            + " WHERE status IN (" + Notice.sqlStatusesAllowing(Notice.Move.FALL_DUE) + ")"
            + " AND overdue = FALSE AND due_at <= ?1"
            + " ORDER BY due_at LIMIT ?2 FOR UPDATE SKIP LOCKED";

    /** The expiry sweep's claim ({@code ?1} now, {@code ?2} the batch), on its own index likewise. */
    static final String CLAIM_ENDED = "SELECT id, order_id, addressee_id FROM notice"
            + " FORCE INDEX (notice_expiry_sweep)"
            + " WHERE status IN (" + Notice.sqlStatusesAllowing(Notice.Move.EXPIRE) + ")"
            + " AND measure_ends_at <= ?1"
            + " ORDER BY measure_ends_at LIMIT ?2 FOR UPDATE SKIP LOCKED";

    /** A notice claimed by the overdue sweep. */
    record FallingDue(String id, String orderId, String claimant, String addressee, java.time.Instant dueAt) {
    }

    /**
     * Up to {@code batch} notices whose due instant has come and that may still fall due (per the transition
     * table), claimed with {@code FOR UPDATE SKIP LOCKED} so that replicas sweeping at once take different rows.
     */
    List<FallingDue> claimFallingDue(java.time.Instant now, int batch) {
        return rows(getEntityManager().createNativeQuery(CLAIM_FALLING_DUE)
                .setParameter(1, DatabaseTime.toColumn(now)).setParameter(2, batch).getResultList()).stream()
                .map(r -> new FallingDue((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                        DatabaseTime.toInstant(r[4]))).toList();
    }

    void markOverdue(List<String> ids, java.time.Instant now) {
        getEntityManager().createNativeQuery(
                        "UPDATE notice SET overdue = TRUE, version = version + 1, updated_at = ?1 WHERE id IN (?2)")
                .setParameter(1, DatabaseTime.toColumn(now)).setParameter(2, ids).executeUpdate();
    }

    /** A notice claimed by the expiry sweep. */
    record Ended(String id, String orderId, String addressee) {
    }

    /** Up to {@code batch} notices whose measure has ended and that may expire, claimed as in {@link #claimFallingDue}. */
    List<Ended> claimEnded(java.time.Instant now, int batch) {
        return rows(getEntityManager().createNativeQuery(CLAIM_ENDED)
                .setParameter(1, DatabaseTime.toColumn(now)).setParameter(2, batch).getResultList()).stream()
                .map(r -> new Ended((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    /** Moves the claimed notices to the state the transition table gives for EXPIRE. */
    void expire(List<String> ids, java.time.Instant now) {
        getEntityManager().createNativeQuery("UPDATE notice SET status = ?1, version = version + 1, updated_at = ?2"
                        + " WHERE id IN (?3)")
                .setParameter(1, Notice.statusAfterBulk(Notice.Move.EXPIRE).name())
                .setParameter(2, DatabaseTime.toColumn(now)).setParameter(3, ids).executeUpdate();
    }

    /** An addressee's notices still to act on (pending or received), soonest due first; of one order or all. */
    List<Notice> openFor(String addressee, String orderId, int limit) {
        Parameters p = Parameters.with("addressee", addressee).and("open", List.of(NoticeStatus.PENDING, NoticeStatus.RECEIVED));
        String where = "addressee = :addressee and status in :open";
        if (orderId != null) {
            where += " and orderId = :order";
            p = p.and("order", orderId);
        }
        return find(WITH_ITEM + where + " order by n.dueAt, n.id", p).page(0, limit).list();
    }

    long countOpenFor(String addressee, String orderId) {
        Parameters p = Parameters.with("addressee", addressee).and("open", List.of(NoticeStatus.PENDING, NoticeStatus.RECEIVED));
        String where = "addressee = :addressee and status in :open";
        if (orderId != null) {
            where += " and orderId = :order";
            p = p.and("order", orderId);
        }
        return count(where, p);
    }

    /** Notices past their due instant that are still to be delisted or rejected. */
    long countOverdue(java.time.Instant now) {
        // Those the sweep flagged, plus those that fell due since it last ran: two short ranges of the sweep's
        // index rather than every notice still to be acted on.
        String open = "status IN (" + Notice.sqlStatusesAllowing(Notice.Move.FALL_DUE) + ")";
        return ((Number) getEntityManager().createNativeQuery(
                        "SELECT (SELECT COUNT(*) FROM notice WHERE " + open + " AND overdue = TRUE)"
                                + " + (SELECT COUNT(*) FROM notice WHERE " + open + " AND overdue = FALSE AND due_at < ?1)")
                .setParameter(1, DatabaseTime.toColumn(now)).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }
}
