package eu.delisting.gateway.scope;

import java.util.Optional;

/** The decision for one filed URL against one order version. */
public sealed interface Verdict {

    String filedUrl();

    /** The order covers the URL, through {@code matched}. */
    record Covered(String filedUrl, CanonicalUrl url, ScopeEntry matched) implements Verdict {
    }

    /** The URL is not admitted. {@code url} is present when it parsed (OUT_OF_SCOPE), empty when it did not. */
    record Refused(String filedUrl, Optional<CanonicalUrl> url, RefusalCode code, String detail,
                   Optional<Hint> hint) implements Verdict {
    }
}
