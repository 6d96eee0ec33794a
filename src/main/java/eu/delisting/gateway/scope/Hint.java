package eu.delisting.gateway.scope;

/**
 * A pointer for the filer when a URL is refused: what it resembles and what to do about it.
 *
 * @param related the in-scope domain (or protected suffix, or proposal) the URL resembles
 */
public record Hint(Kind kind, String related, String detail) {

    public enum Kind {
        /** Same name under another suffix as an in-scope site: a mirror needs the mirror procedure. */
        POSSIBLE_MIRROR,
        /** Spelled to look like an in-scope site (homoglyphs, an in-scope name embedded in another). */
        CONFUSABLE_WITH,
        /** A shared platform, CDN or resolver that no DOMAIN entry may reach. */
        PROTECTED_INFRASTRUCTURE,
        /** A mirror proposal for this domain awaits the authority's decision. */
        PENDING_MIRROR
    }
}
