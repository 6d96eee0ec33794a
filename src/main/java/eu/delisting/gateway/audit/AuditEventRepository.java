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
     * Up to {@code limit} entries after {@code seq} as plain rows (seq, occurred_at, organisation_id, subject,
     * action, record_type, record_id, order_id, detail, digest, prev_hash, hash): verification reads the whole
     * log, and hydrating entities would dominate.
     */
    List<?> linksAfter(long seq, int limit) {
        return getEntityManager().createNativeQuery("SELECT seq, occurred_at, organisation_id, subject, action,"
                        + " record_type, record_id, order_id, detail, digest, prev_hash, hash FROM audit_event"
                        + " WHERE seq > ?1 ORDER BY seq LIMIT ?2")
                .setParameter(1, seq).setParameter(2, limit).getResultList();
    }
}
