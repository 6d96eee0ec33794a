package eu.delisting.gateway.mandates;

import eu.delisting.gateway.orders.Agency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The mandates as the orders see them: who an agent acts for now, on which orders. */
@ApplicationScoped
class MandateAgency implements Agency {

    private final MandateRepository mandates;

    MandateAgency(MandateRepository mandates) {
        this.mandates = mandates;
    }

    @Override
    @Transactional
    public List<Cover> inForce(String agent, Instant now) {
        return mandates.inForce(agent, now).stream().map(MandateAgency::cover).toList();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Cover> inForceLocked(String agent, Instant now) {
        return mandates.inForceLocked(agent, now).stream().map(MandateAgency::cover).toList();
    }

    @Override
    @Transactional
    public Set<String> anyPrincipals(String agent) {
        return new LinkedHashSet<>(mandates.principalsOf(agent));
    }

    private static Cover cover(Mandate m) {
        return new Cover(m.id(), m.principal(), m.allOrders(), m.orders());
    }
}
