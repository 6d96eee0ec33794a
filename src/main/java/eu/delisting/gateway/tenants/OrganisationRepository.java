package eu.delisting.gateway.tenants;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class OrganisationRepository implements PanacheRepositoryBase<Organisation, String> {

    List<Organisation> listByName() {
        return list("order by id");
    }
}
