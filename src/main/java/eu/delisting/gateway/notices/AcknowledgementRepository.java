package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.DatabaseTime;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class AcknowledgementRepository implements PanacheRepositoryBase<Acknowledgement, Long> {

    List<Acknowledgement> history(String noticeId) {
        return list("noticeId = ?1 order by id", noticeId);
    }

    List<Acknowledgement> ofNotices(List<String> noticeIds) {
        return list("noticeId in ?1 order by noticeId, id", noticeIds);
    }

    /**
     * Appends the acknowledgements as one batch (a multi-row INSERT, the driver rewriting the batch) and gives each
     * its id. Not through the entity manager: an IDENTITY id makes Hibernate insert every row on its own.
     * The ids come from the driver's generated keys, consecutive within one multi-row INSERT (a "simple insert",
     * whose row count InnoDB knows beforehand, gets one consecutive run of auto-increment values in every lock
     * mode; nothing inserts into this table by INSERT ... SELECT).
     */
    void appendAll(List<Acknowledgement> acknowledgements) {
        if (acknowledgements.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledgement (notice_id,"
                    + " status, effective_at, recorded_at, territories, front_ends, reason_code, comment, late,"
                    + " organisation_id, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (Acknowledgement a : acknowledgements) {
                    insert.setString(1, a.noticeId());
                    insert.setString(2, a.status().name());
                    insert.setObject(3, DatabaseTime.toColumn(a.effectiveAt()));
                    insert.setObject(4, DatabaseTime.toColumn(a.recordedAt()));
                    insert.setString(5, String.join(",", a.territories()));
                    insert.setString(6, String.join(",", a.frontEnds()));
                    insert.setString(7, a.reasonCode() == null ? null : a.reasonCode().name());
                    insert.setString(8, a.comment());
                    insert.setBoolean(9, a.late());
                    insert.setString(10, a.organisation());
                    insert.setString(11, a.subject());
                    insert.addBatch();
                }
                insert.executeBatch();
                int assigned = 0;
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next() && assigned < acknowledgements.size()) {
                        acknowledgements.get(assigned++).assign(keys.getLong(1));
                    }
                }
                if (assigned != acknowledgements.size()) {
                    throw new IllegalStateException("The database gave " + assigned + " ids for "
                            + acknowledgements.size() + " acknowledgements");
                }
            }
        });
    }

    Optional<Acknowledgement> latest(String noticeId) {
        return find("noticeId = ?1 order by id desc", noticeId).firstResultOptional();
    }
}
