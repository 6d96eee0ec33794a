package eu.delisting.gateway.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Bulk imports: how much a file may hold, and how the background filing runs. */
@ConfigMapping(prefix = "gateway.imports")
public interface ImportsConfig {

    /** Most URL lines in one file; more is 413 BATCH_TOO_LARGE. */
    @WithDefault("100000")
    int maxLines();

    /** Uploads read at once by one replica; one more is 503 (each holds a connection). */
    @WithDefault("4")
    int concurrentUploads();

    /** URLs per filed request (the filing limit). */
    @WithDefault("1000")
    int chunk();

    /** How often each replica looks for import work (read by the scheduler: a duration such as 2s, or off). */
    @WithDefault("2s")
    String runEvery();

    /** How long after start-up a replica first looks for import work. */
    @WithDefault("5s")
    String startDelay();

    /** How long one replica works on one job before looking at the others again. */
    @WithDefault("PT20S")
    Duration slice();
}
