package eu.delisting.gateway.support;

import io.restassured.config.DecoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.conn.PoolingClientConnectionManager;

/**
 * The connections REST Assured sends the tests' requests on: one client for the test JVM, its connections kept
 * alive and pooled, as an engine's or a rights holder's client keeps them. REST Assured's default builds a client
 * and opens a connection per request; over the suite's many thousand requests (the contract fuzz alone sends about
 * 3,000) that cost more of the two cores than the gateway's own work. The pool lets as many requests run at once as
 * the concurrency tests send (their races must not queue on the client side).
 *
 * <p>A pooled connection goes back to the pool once its answer's body has been read. REST Assured reads it only when
 * the request declared body expectations; {@link ContractValidation}, installed for every request, reads every body,
 * so none is left holding a connection. Should one ever be, a request waits at most {@value #LEASE_WAIT_MILLIS} ms for
 * a connection and then fails, rather than the suite hanging.
 */
public final class Connections {

    /** More than any test sends at once (the database fault test sends 40). */
    private static final int AT_ONCE = 256;

    /** Read timeout of a request: longer than any bounded answer the tests wait for. */
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    private static final long LEASE_WAIT_MILLIS = 30_000L;

    /** Built once: REST Assured's lazy instance is not guarded, and a first burst of racing clients could build two. */
    private static final DefaultHttpClient CLIENT = pooled();

    public static final RestAssuredConfig KEPT_ALIVE = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .httpClientFactory(() -> CLIENT)
                    .reuseHttpClientInstance()
                    .setParam("http.conn-manager.timeout", LEASE_WAIT_MILLIS)
                    .setParam("http.connection.timeout", 10_000)
                    .setParam("http.socket.timeout", READ_TIMEOUT_MILLIS))
            // REST Assured sets its decoding interceptors on the client before each request; on one shared client,
            // racing requests would undo each other's. The gateway does not compress, so none is needed.
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    private Connections() {
    }

    @SuppressWarnings("deprecation") // REST Assured drives HttpClient 4 through its AbstractHttpClient API
    private static DefaultHttpClient pooled() {
        PoolingClientConnectionManager pool = new PoolingClientConnectionManager();
        pool.setMaxTotal(AT_ONCE);
        pool.setDefaultMaxPerRoute(AT_ONCE);
        return new DefaultHttpClient(pool);
    }
}
