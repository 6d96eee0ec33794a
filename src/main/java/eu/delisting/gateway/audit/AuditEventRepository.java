package eu.delisting.gateway.audit;

import eu.delisting.gateway.database.DatabaseTime;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, Long> {

    /** The chain head, locked until commit: appends are serialised so the chain never forks. */
    Object[] lockHead() {
        return (Object[]) getEntityManager()
                .createNativeQuery("SELECT last_seq, last_hash, last_at FROM audit_chain WHERE id = 1 FOR UPDATE")
                .getSingleResult();
    }

    void moveHead(AuditEvent entry) {
        getEntityManager().createNativeQuery(
                        "UPDATE audit_chain SET last_seq = ?1, last_hash = ?2, last_at = ?3 WHERE id = 1")
                .setParameter(1, entry.seq()).setParameter(2, entry.hash())
                .setParameter(3, DatabaseTime.toColumn(entry.occurredAt()))
                .executeUpdate();
    }

    Object[] head() {
        return (Object[]) getEntityManager()
                .createNativeQuery("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1").getSingleResult();
    }

    List<AuditEvent> page(String where, Parameters parameters, int limit) {
        return find(where + " order by seq", parameters).page(0, limit).list();
    }

    /**
     * Streams the entries after {@code seq} in order to {@code visitor} as plain links, until it answers false or
     * the log ends: one forward-only query whose rows the database sends while the gateway checks the ones before
     * (verification reads the whole log: hydrating entities, or a query per page, would dominate).
     */
    void walk(long seq, java.util.function.Predicate<AuditChain.Link> visitor) {
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement query = connection.prepareStatement("SELECT seq, occurred_at,"
                            + " organisation_id, subject, action, record_type, record_id, order_id, detail, digest,"
                            + " prev_hash, hash FROM audit_event WHERE seq > ? ORDER BY seq",
                    java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY)) {
                // Row by row as the server sends them (MySQL Connector/J's streaming mode).
                query.setFetchSize(Integer.MIN_VALUE);
                query.setLong(1, seq);
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        AuditChain.Link link = new AuditChain.Link(rows.getLong(1),
                                DatabaseTime.toInstant(rows.getObject(2, java.time.LocalDateTime.class)), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11),
                                rows.getString(12));
                        if (!visitor.test(link)) {
                            break;
                        }
                    }
                }
            }
        });
    }
}
