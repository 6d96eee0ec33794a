package eu.delisting.gateway.orders;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class CourtOrderRepository implements PanacheRepositoryBase<CourtOrder, String> {

    List<CourtOrder> listAll(int limit) {
        return find("order by createdAt, id").page(0, limit).list();
    }

    /** Orders where the organisation is a claimant or an addressee, or to which it is appointed auditor. */
    List<CourtOrder> listVisibleTo(String organisation, int limit) {
        return find("""
                where id in (select p.order.id from OrderParty p where p.organisation = ?1)
                   or id in (select a.orderId from AuditorAppointment a where a.auditor = ?1)
                order by createdAt, id""", organisation).page(0, limit).list();
    }
}
