package eu.delisting.gateway.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, Long> {
}
