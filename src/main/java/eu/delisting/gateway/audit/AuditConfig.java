package eu.delisting.gateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "gateway.audit")
public interface AuditConfig {

    /**
     * The Ed25519 key pair that signs audit checkpoints, as base64 PKCS#8 (private) and X.509
     * (public). Keep the private key in a Secret. When unset, a key pair is generated at start:
     * fine for development, useless to an auditor across restarts.
     */
    Optional<String> checkpointPrivateKey();

    Optional<String> checkpointPublicKey();

    /**
     * Whether state changes are appended to the audit log. Always true in service; false is
     * honoured only under the {@code benchmark} profile, which measures what the appends cost
     * (anywhere else the gateway refuses to start).
     */
    @WithDefault("true")
    boolean appends();
}
