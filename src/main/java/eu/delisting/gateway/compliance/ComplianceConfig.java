package eu.delisting.gateway.compliance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** How compliance reports are read. */
@ConfigMapping(prefix = "gateway.compliance")
public interface ComplianceConfig {

    /** Notices read per transaction while a report (JSON or CSV) is written: the memory a report holds. */
    @WithDefault("1000")
    @Min(1)
    int page();
}
