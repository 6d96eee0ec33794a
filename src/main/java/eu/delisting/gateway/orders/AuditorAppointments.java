package eu.delisting.gateway.orders;

import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.IsoInstant;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.tenants.OrganisationKind;
import eu.delisting.gateway.tenants.OrganisationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Appointing court auditors to an order for a mandate [from, until). */
@ApplicationScoped
public class AuditorAppointments {

    private final CourtOrderRepository orders;
    private final AuditorAppointmentRepository appointments;
    private final OrganisationService organisations;
    private final AuditLog audit;
    private final Clock clock;

    private final eu.delisting.gateway.problems.Shapes shapes;

    AuditorAppointments(CourtOrderRepository orders, AuditorAppointmentRepository appointments, OrganisationService organisations, AuditLog audit, Clock clock, eu.delisting.gateway.problems.Shapes shapes) {
        this.shapes = shapes;
        this.orders = orders;
        this.appointments = appointments;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    /** An appointment as the operator sends it: the auditor and its mandate [from, until). */
    public record NewAppointment(
            @NotBlank(message = "REQUIRED: organisation is the auditor's id") String organisation,
            @NotNull(message = "REQUIRED: from is an ISO-8601 instant") @IsoInstant String from,
            @NotNull(message = "REQUIRED: until is an ISO-8601 instant") @IsoInstant String until) {
    }

    public record AppointmentView(long id, String orderId, String organisation, Instant from, Instant until,
                                  Instant appointedAt) {
    }

    /** Appoints an auditor organisation to the order for a mandate [from, until). Operator only. */
    @Transactional
    public AppointmentView appointAuditor(String orderId, NewAppointment appointment, Actor actor) {
        CourtOrder order = orders.findByIdOptional(orderId).orElseThrow(() -> GatewayProblem.notFound("Order"));
        shapes.check(appointment);
        List<FieldError> errors = new ArrayList<>();
        organisations.kindError("organisation", appointment.organisation(), OrganisationKind.AUDITOR)
                .ifPresent(errors::add);
        Instant from = Instant.parse(appointment.from());
        Instant until = Instant.parse(appointment.until());
        if (!until.isAfter(from)) {
            errors.add(new FieldError("until", "BEFORE_FROM", "a mandate ends after it starts"));
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        AuditorAppointment created = new AuditorAppointment(order.id(), appointment.organisation(), from, until,
                clock.instant());
        appointments.persist(created);
        appointments.flush();
        audit.record(actor, "AUDITOR_APPOINTED", "order", order.id(), order.id(), Map.of(
                "auditor", appointment.organisation(), "from", from.toString(), "until", until.toString()));
        return new AppointmentView(created.id(), order.id(), created.auditor(), from, until, created.appointedAt());
    }
}
