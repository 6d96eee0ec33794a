package eu.delisting.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The console's words in English and French ({@code console/texts_*.properties}, UTF-8). The orders themselves
 * are French legal texts and are shown as filed. Pure: no framework.
 */
public final class Texts {

    static final List<String> LANGUAGES = List.of("en", "fr");

    private static final Map<String, Map<String, String>> BY_LANGUAGE = Map.of("en", load("en"), "fr", load("fr"));

    private Texts() {
    }

    /** Every text of a language, by key; a key missing in French falls back to English. */
    public static Map<String, String> of(String language) {
        return BY_LANGUAGE.getOrDefault(language, BY_LANGUAGE.get("en"));
    }

    /**
     * The language of a request: an explicit choice ({@code ?lang=} or the remembered cookie), else the first
     * of the browser's preferred languages the console speaks, else English.
     */
    public static String language(String chosen, String acceptLanguage) {
        if (chosen != null && LANGUAGES.contains(chosen)) {
            return chosen;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (LANGUAGES.contains(primary)) {
                        return primary;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // an unreadable header chooses nothing
            }
        }
        return "en";
    }

    private static Map<String, String> load(String language) {
        Map<String, String> texts = new TreeMap<>();
        if (!language.equals("en")) {
            texts.putAll(read("en"));
        }
        texts.putAll(read(language));
        return Map.copyOf(texts);
    }

    private static Map<String, String> read(String language) {
        String name = "console/texts_" + language + ".properties";
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new TreeMap<>();
            properties.forEach((k, v) -> texts.put(k.toString(), v.toString()));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
