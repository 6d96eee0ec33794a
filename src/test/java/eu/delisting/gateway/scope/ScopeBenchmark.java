package eu.delisting.gateway.scope;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Canonicalises and checks 100,000 URLs against scopes of 1,000 and 100,000 DOMAIN entries, beside a
 * parse-only baseline ({@code java.net.URI} plus host extraction) on the same URLs in the same run.
 * Not a unit test: run it with the command in the README's performance section.
 *
 * <p>Targets: the gateway's rate is at least 0.3 times the baseline's; the 100,000-entry scope is no
 * more than 1.5 times slower than the 1,000-entry one.
 */
public final class ScopeBenchmark {

    private static final int URLS = 100_000;
    private static final int ROUNDS = 7;

    public static void main(String[] args) {
        List<String> small = domains(1_000);
        List<String> large = domains(100_000);
        List<String> urls = urls(small);

        long buildStart = System.nanoTime();
        OrderScope smallScope = scope(small);
        double smallBuildMs = (System.nanoTime() - buildStart) / 1e6;
        buildStart = System.nanoTime();
        OrderScope largeScope = scope(large);
        double largeBuildMs = (System.nanoTime() - buildStart) / 1e6;

        // The three workloads are measured in interleaved rounds, so that JIT and machine noise hit them alike.
        double[] rates = rates(urls, List.of(ScopeBenchmark::baseline,
                url -> ScopeMatcher.decide(smallScope, url) instanceof Verdict.Covered ? 1 : 0,
                url -> ScopeMatcher.decide(largeScope, url) instanceof Verdict.Covered ? 1 : 0));
        double baseline = rates[0];
        double gatewaySmall = rates[1];
        double gatewayLarge = rates[2];
        long covered = urls.stream().filter(u -> ScopeMatcher.decide(smallScope, u) instanceof Verdict.Covered).count();

        double ratioSmall = gatewaySmall / baseline;
        double ratioLarge = gatewayLarge / baseline;
        double slowdown = gatewaySmall / gatewayLarge;
        System.out.printf(Locale.ROOT, "Scope benchmark: %,d URLs (%,d covered), median of %d rounds, Java %s%n",
                urls.size(), covered, ROUNDS, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "| workload | URLs/s | ratio to baseline | target | result |%n");
        System.out.printf(Locale.ROOT, "| --- | ---: | ---: | --- | --- |%n");
        System.out.printf(Locale.ROOT, "| baseline: java.net.URI + host | %,.0f | 1.00 | | |%n", baseline);
        System.out.printf(Locale.ROOT, "| gateway, 1,000 DOMAIN entries | %,.0f | %.2f | >= 0.30 | %s |%n",
                gatewaySmall, ratioSmall, ratioSmall >= 0.3 ? "pass" : "FAIL");
        System.out.printf(Locale.ROOT, "| gateway, 100,000 DOMAIN entries | %,.0f | %.2f | >= 0.30 | %s |%n",
                gatewayLarge, ratioLarge, ratioLarge >= 0.3 ? "pass" : "FAIL");
        System.out.printf(Locale.ROOT, "| 100,000 vs 1,000 entries slowdown | %.2fx | | <= 1.50x | %s |%n",
                slowdown, slowdown <= 1.5 ? "pass" : "FAIL");
        System.out.printf(Locale.ROOT, "Scope index build: 1,000 entries %.1f ms, 100,000 entries %.1f ms%n",
                smallBuildMs, largeBuildMs);
    }

    private static int baseline(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? 0 : host.toLowerCase(Locale.ROOT).length();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static double[] rates(List<String> urls, List<ToIntFunction<String>> workloads) {
        double[][] rates = new double[workloads.size()][ROUNDS];
        long sink = 0;
        for (int warmup = 0; warmup < 3; warmup++) {
            for (ToIntFunction<String> work : workloads) {
                for (String url : urls) {
                    sink += work.applyAsInt(url);
                }
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int w = 0; w < workloads.size(); w++) {
                long start = System.nanoTime();
                for (String url : urls) {
                    sink += workloads.get(w).applyAsInt(url);
                }
                rates[w][round] = urls.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        double[] medians = new double[workloads.size()];
        for (int w = 0; w < workloads.size(); w++) {
            Arrays.sort(rates[w]);
            medians[w] = rates[w][ROUNDS / 2];
        }
        return medians;
    }

    private static List<String> domains(int count) {
        String[] tlds = {"com", "net", "org", "tv", "fr", "co.uk"};
        List<String> domains = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            domains.add("site" + i + "-stream." + tlds[i % tlds.length]);
        }
        return domains;
    }

    private static OrderScope scope(List<String> domains) {
        return OrderScope.of(domains.stream().map(d -> ScopeEntry.of(ScopeKind.DOMAIN, d)).toList(), Scopes.PSL,
                Scopes.INFRA);
    }

    /** Half in scope of the 1,000 domains (subdomains, case, ports), half out (look-alikes, strangers). */
    private static List<String> urls(List<String> inScope) {
        Random random = new Random(2013_11_28L);
        List<String> urls = new ArrayList<>(URLS);
        for (int i = 0; i < URLS; i++) {
            String domain = inScope.get(random.nextInt(inScope.size()));
            urls.add(switch (i % 8) {
                case 0 -> "https://" + domain + "/film/" + i;
                case 1 -> "https://www." + domain + "/watch?v=" + i;
                case 2 -> "HTTP://CDN." + domain.toUpperCase(Locale.ROOT) + ":80/a/../b/" + i;
                case 3 -> "https://m." + domain + "./s%65rie/" + i + "#t=1";
                case 4 -> "https://other" + i + ".example.com/page";
                case 5 -> "https://" + domain.replace('.', '-') + ".net/" + i;
                case 6 -> "https://www.stranger" + i + ".org/?q=" + domain;
                default -> "http://shop" + (i % 977) + ".example.fr/item/" + i;
            });
        }
        return urls;
    }
}
