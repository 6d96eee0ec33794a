package eu.delisting.gateway.orders;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class AuditorAppointmentRepository implements PanacheRepository<AuditorAppointment> {

    List<AuditorAppointment> ofAuditor(String auditor) {
        return list("auditor", auditor);
    }

    List<AuditorAppointment> of(String orderId, String auditor) {
        return list("orderId = ?1 and auditor = ?2", orderId, auditor);
    }
}
