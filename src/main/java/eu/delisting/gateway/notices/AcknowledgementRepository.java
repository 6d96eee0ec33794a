package eu.delisting.gateway.notices;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class AcknowledgementRepository implements PanacheRepositoryBase<Acknowledgement, Long> {

    List<Acknowledgement> history(String noticeId) {
        return list("noticeId = ?1 order by id", noticeId);
    }

    List<Acknowledgement> ofOrder(String orderId) {
        return list("noticeId in (select n.id from Notice n where n.orderId = ?1) order by noticeId, id", orderId);
    }

    List<Acknowledgement> ofNotices(List<String> noticeIds) {
        return list("noticeId in ?1 order by noticeId, id", noticeIds);
    }

    Optional<Acknowledgement> latest(String noticeId) {
        return find("noticeId = ?1 order by id desc", noticeId).firstResultOptional();
    }
}
