package eu.delisting.gateway.notices;

import eu.delisting.gateway.hashing.Sha256;
import eu.delisting.gateway.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V17 on notices stored before it: each keeps its URL through its request item. A database of its own is migrated to
 * V16, given the order, request and notices the gateway filed here (the notices in their V16 shape, URLs copied in),
 * then migrated to the end.
 */
@QuarkusTest
class NoticeItemMigrationTest {

    private static final String SCHEMA = "gateway_v17_migration";

    @Inject
    AgroalDataSource db;

    @Test
    void noticesStoredBeforeV17ReferenceTheFirstItemOfTheirUrlAndKeepItsHash() throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        // The third URL is the first one's canonical form again: a duplicate, with no notices of its own.
        String request = Api.file(parties.claimant(), order, "https://allostreaming.com/m/1",
                "https://allostreaming.com/m/2", "HTTPS://ALLOSTREAMING.COM/m/1");

        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String other = url.replaceFirst("/([A-Za-z0-9_]+)(\\?|$)", "/" + SCHEMA + "$2");
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        String main;
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            main = c.getCatalog();
            st.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            st.execute("CREATE DATABASE " + SCHEMA);
        }
        Flyway.configure().dataSource(other, user, password).locations("classpath:db/migration").target("16").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(other, user, password); Statement st = c.createStatement()) {
            st.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : List.of("organisation", "court_order", "delisting_request")) {
                st.execute("INSERT INTO " + table + " SELECT * FROM " + main + "." + table);
            }
            st.execute("INSERT INTO request_item SELECT * FROM " + main + ".request_item WHERE request_id = '" + request + "'");
            // The notices as V16 stored them: the URL, its canonical form and the matched entry copied into each.
            st.execute("INSERT INTO notice (id, seq, order_id, request_id, claimant_id, addressee_id, filed_url,"
                    + " canonical_url, matched_kind, matched_value, status, created_at, due_at, measure_ends_at, overdue,"
                    + " late, version, updated_at)"
                    + " SELECT n.id, n.seq, n.order_id, n.request_id, n.claimant_id, n.addressee_id, i.filed_url,"
                    + " i.canonical_url, i.matched_kind, i.matched_value, n.status, n.created_at, n.due_at,"
                    + " n.measure_ends_at, n.overdue, n.late, n.version, n.updated_at FROM " + main + ".notice n"
                    + " JOIN " + main + ".request_item i ON i.request_id = n.request_id AND i.position = n.item_position"
                    + " WHERE n.request_id = '" + request + "'");
            st.execute("SET FOREIGN_KEY_CHECKS = 1");
        }

        Flyway.configure().dataSource(other, user, password).locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(other, user, password); Statement st = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT n.item_position, n.url_hash = SHA2(i.canonical_url, 256),"
                    + " i.canonical_url, n.active_url_hash = n.url_hash FROM notice n JOIN request_item i"
                    + " ON i.request_id = n.request_id AND i.position = n.item_position ORDER BY n.seq")) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + " " + rs.getBoolean(2) + " " + rs.getString(3) + " " + rs.getBoolean(4));
                }
            }
            assertThat(rows).containsExactly(
                    "0 true https://allostreaming.com/m/1 true", "0 true https://allostreaming.com/m/1 true",
                    "1 true https://allostreaming.com/m/2 true", "1 true https://allostreaming.com/m/2 true");
            try (ResultSet rs = st.executeQuery("SELECT url_hash FROM notice ORDER BY seq LIMIT 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(Sha256.hex("https://allostreaming.com/m/1"));
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '"
                    + SCHEMA + "' AND table_name = 'notice' AND column_name IN ('filed_url', 'canonical_url',"
                    + " 'matched_kind', 'matched_value')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("URL columns left on the notice").isZero();
            }
            st.execute("DROP DATABASE " + SCHEMA);
        }
    }
}
