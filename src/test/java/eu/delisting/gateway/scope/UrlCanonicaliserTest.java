package eu.delisting.gateway.scope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlCanonicaliserTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            scheme and host are lowercased, path case kept | HTTPS://AlloStreaming.COM/Film    | https://allostreaming.com/Film
            default http port is dropped              | http://allostreaming.com:80/a        | http://allostreaming.com/a
            default https port is dropped             | https://allostreaming.com:443/       | https://allostreaming.com/
            a port with leading zeros is still default | https://allostreaming.com:0443/     | https://allostreaming.com/
            another port is kept                      | https://allostreaming.com:8443/x     | https://allostreaming.com:8443/x
            an empty port is dropped                  | https://allostreaming.com:/x         | https://allostreaming.com/x
            one trailing dot is dropped               | https://allostreaming.com./x         | https://allostreaming.com/x
            backslashes separate like slashes         | https:\\\\allostreaming.com\\films\\a | https://allostreaming.com/films/a
            extra slashes before the host are ignored | https:////allostreaming.com/a        | https://allostreaming.com/a
            no slash after the scheme still parses    | https:allostreaming.com/a            | https://allostreaming.com/a
            a percent-encoded host is decoded         | https://allo%73treaming.com/         | https://allostreaming.com/
            ideographic full stop separates labels    | https://allostreaming。com/           | https://allostreaming.com/
            fullwidth full stop separates labels      | https://allostreaming．com/           | https://allostreaming.com/
            fullwidth letters fold to ASCII           | https://ａｌｌｏｓｔｒｅａｍｉｎｇ.com/     | https://allostreaming.com/
            sharp s stays itself (non-transitional)   | https://faß.de/                      | https://xn--fa-hia.de/
            umlauts become A-labels                   | https://Bücher.de/                   | https://xn--bcher-kva.de/
            an A-label is kept lowercase              | https://XN--BCHER-KVA.de/            | https://xn--bcher-kva.de/
            IPv4 in decimal                           | http://3232235777/                   | http://192.168.1.1/
            IPv4 in hex                               | http://0xC0A80101/                   | http://192.168.1.1/
            IPv4 in octal parts                       | http://0300.0250.01.01/              | http://192.168.1.1/
            IPv4 with three parts                     | http://192.168.257/                  | http://192.168.1.1/
            IPv4 with a trailing dot                  | http://192.168.1.1./                 | http://192.168.1.1/
            IPv6 is compressed and lowercased         | http://[2001:DB8:0:0:0:0:0:1]/       | http://[2001:db8::1]/
            IPv6 with embedded IPv4                   | http://[::ffff:192.168.1.1]/         | http://[::ffff:c0a8:101]/
            IPv6 compresses the longest zero run      | http://[1:0:0:2:0:0:0:3]/            | http://[1:0:0:2::3]/
            the fragment is dropped                   | https://allostreaming.com/a#top      | https://allostreaming.com/a
            the query is kept                         | https://allostreaming.com/a?id=42&x  | https://allostreaming.com/a?id=42&x
            an empty query is dropped                 | https://allostreaming.com/a?         | https://allostreaming.com/a
            a question mark in a fragment is no query | https://allostreaming.com/a#b?c      | https://allostreaming.com/a
            dot segments are resolved                 | https://allostreaming.com/x/../y/./z | https://allostreaming.com/y/z
            encoded dot segments are resolved         | https://allostreaming.com/x/%2e%2E/y | https://allostreaming.com/y
            dot segments cannot climb above the root  | https://allostreaming.com/../../a    | https://allostreaming.com/a
            a trailing dot segment leaves a slash     | https://allostreaming.com/a/b/..     | https://allostreaming.com/a/
            unreserved encodings are decoded          | https://allostreaming.com/%7Euser/%41 | https://allostreaming.com/~user/A
            reserved encodings are kept, uppercased   | https://allostreaming.com/a%2fb      | https://allostreaming.com/a%2Fb
            non-ASCII path is encoded as UTF-8        | https://allostreaming.com/été        | https://allostreaming.com/%C3%A9t%C3%A9
            quotes in a query are encoded             | https://allostreaming.com/?q='x'     | https://allostreaming.com/?q=%27x%27
            an empty path becomes a slash             | https://allostreaming.com            | https://allostreaming.com/
            """)
    void canonicalises(String rule, String filed, String expected) {
        assertThat(Scopes.canonical(filed)).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {
            "https://user@allostreaming.com/",
            "https://user:secret@allostreaming.com/",
            "https://allostreaming.com@evil.example/",
            "https://@allostreaming.com/",
            "ftp://allostreaming.com/film",
            "javascript:alert(1)",
            "allostreaming.com/film",
            "//allostreaming.com/film",
            "https://allostreaming.com/a b",
            "https://allostreaming.com/a\tb",
            "https://allo\nstreaming.com/",
            " https://allostreaming.com/",
            "https://allostreaming.com/\u0000",
            "https://allostreaming.com/\u00a0",
            "https://",
            "https:///",
            "https://a<b.com/",
            "https://a^b.com/",
            "https://%zz.com/",
            "https://%c0%af.com/",
            "https://[::1/",
            "https://[::1::2]/",
            "https://[1:2:3:4:5:6:7:8:9]/",
            "https://256.256.256.256/",
            "http://08.1.1.1/",
            "http://1.2.3.4.5/",
            "https://allostreaming..com/",
            "https://.allostreaming.com/",
            "https://allostreaming.com../",
            "https://xn--a.com/",
            "https://allostreaming.com:65536/",
            "https://allostreaming.com:80a/",
            ""
    })
    void refusesAsInvalid(String filed) {
        assertThat(UrlCanonicaliser.canonicalise(filed)).isInstanceOf(UrlCanonicaliser.Result.Invalid.class);
    }

    @org.junit.jupiter.api.Test
    void refusesUrlsLongerThan2048Characters() {
        String base = "https://allostreaming.com/";
        String atLimit = base + "a".repeat(2048 - base.length());
        assertThat(UrlCanonicaliser.canonicalise(atLimit)).isInstanceOf(UrlCanonicaliser.Result.Parsed.class);
        assertThat(UrlCanonicaliser.canonicalise(atLimit + "a")).isInstanceOf(UrlCanonicaliser.Result.Invalid.class);
    }

    @org.junit.jupiter.api.Test
    void refusesUserinfoWithAClearReason() {
        var result = (UrlCanonicaliser.Result.Invalid) UrlCanonicaliser.canonicalise("https://u@allostreaming.com/");
        assertThat(result.detail()).contains("userinfo");
    }
}
