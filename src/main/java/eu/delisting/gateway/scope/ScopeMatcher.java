package eu.delisting.gateway.scope;

import java.util.Optional;

/** Decides whether one order version covers one URL. Pure: no clock, no I/O. */
public final class ScopeMatcher {

    private ScopeMatcher() {
    }

    public static Verdict decide(OrderScope scope, String filedUrl) {
        UrlCanonicaliser.Result parsed = UrlCanonicaliser.canonicalise(filedUrl);
        if (parsed instanceof UrlCanonicaliser.Result.Invalid invalid) {
            return new Verdict.Refused(filedUrl, Optional.empty(), RefusalCode.INVALID_URL, invalid.detail(),
                    Optional.empty());
        }
        CanonicalUrl url = ((UrlCanonicaliser.Result.Parsed) parsed).url();
        Optional<String> notATarget = NonPublicAddresses.refusal(url);
        if (notATarget.isPresent()) {
            return new Verdict.Refused(filedUrl, Optional.of(url), RefusalCode.INVALID_TARGET, url.host() + " is "
                    + notATarget.get() + ": never a delisting target", Optional.empty());
        }
        Optional<ScopeEntry> matched = scope.match(url);
        if (matched.isPresent()) {
            return new Verdict.Covered(filedUrl, url, matched.get());
        }
        String detail = url.hostKind() == HostKind.DOMAIN_NAME
                ? "'" + url.host() + "' is not covered by this order"
                : "the IP address " + url.host() + " is not covered by this order (an IP never matches a domain)";
        return new Verdict.Refused(filedUrl, Optional.of(url), RefusalCode.OUT_OF_SCOPE, detail, scope.hintFor(url));
    }
}
