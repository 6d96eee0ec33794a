package eu.delisting.gateway.mandates;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class MandateRepository implements PanacheRepositoryBase<Mandate, String> {

    private static final String IN_FORCE = "agent = ?1 and revokedAt is null and from <= ?2 and (until is null or until > ?2)";

    List<Mandate> inForce(String agent, Instant now) {
        return list(IN_FORCE + " order by grantedAt, id", agent, now);
    }

    /**
     * The agent's mandates in force, their rows share-locked until commit: a revocation (which takes the
     * row exclusively) waits for the filings under it, and a filing after it reads it revoked.
     */
    List<Mandate> inForceLocked(String agent, Instant now) {
        getEntityManager().createNativeQuery("""
                        SELECT id FROM mandate WHERE agent_id = ?1 AND revoked_at IS NULL AND valid_from <= ?2
                          AND (valid_until IS NULL OR valid_until > ?2) LOCK IN SHARE MODE""")
                .setParameter(1, agent).setParameter(2, now).getResultList();
        return inForce(agent, now);
    }

    /** The mandate, its row locked exclusively until commit (revocation). */
    Optional<Mandate> lock(String id) {
        List<?> locked = getEntityManager().createNativeQuery("SELECT id FROM mandate WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Mandate mandate = findById(id);
        getEntityManager().refresh(mandate);
        return Optional.of(mandate);
    }

    List<String> principalsOf(String agent) {
        return getEntityManager().createQuery("select distinct m.principal from Mandate m where m.agent = ?1", String.class)
                .setParameter(1, agent).getResultList();
    }

    /** Mandates where the organisation is agent or principal (all when null), oldest first. */
    List<Mandate> involving(String organisation, int limit) {
        if (organisation == null) {
            return find("order by grantedAt, id").page(0, limit).list();
        }
        return find("agent = ?1 or principal = ?1 order by grantedAt, id", organisation).page(0, limit).list();
    }
}
