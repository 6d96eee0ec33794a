package eu.delisting.gateway.imports;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class ImportJobRepository implements PanacheRepositoryBase<ImportJob, String> {

    /** Jobs with work left, oldest first. */
    List<String> runnable(int limit) {
        return getEntityManager().createQuery("select j.id from ImportJob j where j.status in ?1 order by j.createdAt, j.id",
                        String.class)
                .setParameter(1, List.of(ImportJob.Status.QUEUED, ImportJob.Status.RUNNING))
                .setMaxResults(limit).getResultList();
    }

    /**
     * The job, its row locked until commit, unless another replica holds it now (then empty): one chunk of a
     * job is processed by one transaction at a time, and a replica that dies mid-chunk leaves the job as it was.
     */
    Optional<ImportJob> claim(String id) {
        List<?> locked = getEntityManager().createNativeQuery(
                        "SELECT id FROM import_job WHERE id = ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        ImportJob job = findById(id);
        getEntityManager().refresh(job);
        return Optional.of(job);
    }
}
