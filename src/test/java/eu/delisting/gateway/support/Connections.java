package eu.delisting.gateway.support;

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
 */
public final class Connections {

    /** More than any test sends at once (the database fault test sends 40). */
    private static final int AT_ONCE = 256;

    /** Read timeout of a request: longer than any bounded answer the tests wait for. */
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    public static final RestAssuredConfig KEPT_ALIVE = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig()
            .httpClientFactory(Connections::pooled)
            .reuseHttpClientInstance()
            .setParam("http.connection.timeout", 10_000)
            .setParam("http.socket.timeout", READ_TIMEOUT_MILLIS));

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
