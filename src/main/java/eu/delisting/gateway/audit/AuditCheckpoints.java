package eu.delisting.gateway.audit;

import eu.delisting.gateway.hashing.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs checkpoints of the chain head. An auditor stores a checkpoint outside the gateway; later,
 * the signature proves the gateway issued it, and verification against it proves that nothing up to
 * that entry was rewritten since, even by someone able to recompute every hash.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    AuditCheckpoints(AuditConfig config) {
        try {
            if (config.checkpointPrivateKey().isPresent() && config.checkpointPublicKey().isPresent()) {
                KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
                privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(config.checkpointPrivateKey().get())));
                publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(config.checkpointPublicKey().get())));
            } else {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                privateKey = pair.getPrivate();
                publicKey = pair.getPublic();
                LOG.warn("Audit checkpoints are signed with a key generated at start; set"
                        + " GATEWAY_AUDIT_CHECKPOINT_PRIVATE_KEY and _PUBLIC_KEY so auditors can check them across restarts");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit checkpoint key pair is not a valid Ed25519 key pair", e);
        }
        keyId = Sha256.hex(Base64.getEncoder().encodeToString(publicKey.getEncoded())).substring(0, 16);
    }

    public record Checkpoint(long seq, String hash, Instant occurredAt, Instant issuedAt, String algorithm,
                             String keyId, String signedPayload, String signature) {
    }

    public record CheckpointKey(String keyId, String algorithm, String publicKey) {
    }

    Checkpoint sign(long seq, String hash, Instant occurredAt, Instant issuedAt) {
        String payload = "delisting-gateway audit checkpoint v1\nseq=" + seq + "\nhash=" + hash + "\noccurredAt="
                + occurredAt + "\nissuedAt=" + issuedAt + "\n";
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload.getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(seq, hash, occurredAt, issuedAt, ALGORITHM, keyId, payload,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A checkpoint could not be signed", e);
        }
    }

    CheckpointKey key() {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return new CheckpointKey(keyId, ALGORITHM, pem);
    }

    private static byte[] decode(String value) {
        return Base64.getMimeDecoder().decode(value.replaceAll("-----[A-Z ]+-----", ""));
    }
}
