package eu.delisting.gateway.demo;

import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.orders.AuditorAppointments;
import eu.delisting.gateway.orders.NewOrder;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.tenants.OrganisationService;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seeds the Allostreaming order (Paris TGI, 28 November 2013) and the organisations it names, so that
 * the gateway started in dev mode has something real to play with. Built in only when
 * {@code gateway.demo.enabled} is true at build time (dev mode, and the test that runs the README
 * walkthrough): the production artifact does not contain this bean at all.
 */
@IfBuildProperty(name = "gateway.demo.enabled", stringValue = "true")
@UnlessBuildProfile("prod")
@ApplicationScoped
class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final Actor SEED = Actor.system("demo-seed");

    static final List<String> SITES = List.of("dpstream.tv", "fifostream.tv", "fifostream.com", "fifostream.net",
            "fifostream.org", "fifostreaming.com", "fifostreaming.net", "fifostreaming.org", "fifostreaming.tv",
            "allostreaming.com", "alloshowtv.com", "allomovies.com", "alloshare.com", "allomegavideo.com",
            "alloseven.com", "allourls.com");

    private final OrganisationService organisations;
    private final OrderService orders;
    private final AuditorAppointments appointments;
    private final Clock clock;

    DemoData(OrganisationService organisations, OrderService orders, AuditorAppointments appointments, Clock clock) {
        this.appointments = appointments;
        this.organisations = organisations;
        this.orders = orders;
        this.clock = clock;
    }

    void seed(@Observes StartupEvent started) {
        if (!organisations.all().isEmpty()) {
            return;
        }
        Stream.of(
                org("apc", "Association des producteurs de cinéma", "RIGHTS_HOLDER"),
                org("fndf", "Fédération nationale des distributeurs de films", "RIGHTS_HOLDER"),
                org("sevn", "Syndicat de l'édition vidéo numérique", "RIGHTS_HOLDER"),
                org("upf", "Union des producteurs de films", "RIGHTS_HOLDER"),
                org("spi", "Syndicat des producteurs indépendants", "RIGHTS_HOLDER"),
                org("google", "Google", "SEARCH_ENGINE"),
                org("microsoft", "Microsoft (Bing)", "SEARCH_ENGINE"),
                org("yahoo", "Yahoo!", "SEARCH_ENGINE"),
                org("orange", "Orange", "SEARCH_ENGINE"),
                org("court-auditor", "Court-appointed auditor", "AUDITOR"),
                org("arcom", "ARCOM", "AUTHORITY"),
                org("alpa", "Association de lutte contre la piraterie audiovisuelle", "AGENT"),
                org("operator", "Gateway operator", "OPERATOR"))
                .forEach(o -> organisations.register(o, SEED));

        // Served a few days ago, so that the measure is running today.
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
        String served = today.minusDays(3).toString();
        List<NewOrder.NewAddressee> addressees = Stream.of("google", "microsoft", "yahoo", "orange")
                .map(engine -> new NewOrder.NewAddressee(engine, served, "CLAIMANTS")).toList();
        NewOrder allostreaming = new NewOrder(
                "Allostreaming", "Tribunal de grande instance de Paris", "RG 11/60013", "2013-11-28",
                "Article L.336-2 du code de la propriété intellectuelle", true,
                List.of("apc", "fndf", "sevn", "upf", "spi"), addressees,
                SITES.stream().map(site -> new NewOrder.NewScopeEntry("DOMAIN", site, null)).toList(),
                List.of("FR"), 15, "P1Y", "Europe/Paris");
        var order = orders.issueOrder(allostreaming, SEED);
        Instant now = clock.instant();
        appointments.appointAuditor(order.id(), new AuditorAppointments.NewAppointment("court-auditor",
                now.minus(Duration.ofDays(1)).toString(), now.plus(Duration.ofDays(400)).toString()), SEED);
        LOG.infof("Demo data: Allostreaming order %s with %d sites, served on %s", order.id(), SITES.size(), served);
    }

    private static OrganisationService.Registration org(String id, String name, String kind) {
        return new OrganisationService.Registration(id, name, kind);
    }
}
