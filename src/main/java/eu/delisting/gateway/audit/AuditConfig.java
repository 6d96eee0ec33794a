package eu.delisting.gateway.audit;

import io.smallrye.config.ConfigMapping;

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
}
