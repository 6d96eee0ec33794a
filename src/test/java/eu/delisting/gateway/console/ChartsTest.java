package eu.delisting.gateway.console;

import eu.delisting.gateway.compliance.ComplianceService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static ComplianceService.Summary summary(ComplianceService.OverdueSeries overdue,
                                                     List<ComplianceService.DelayDistribution> delays) {
        return new ComplianceService.Summary("o", "ref", 1, NOW, Set.of("FR"), List.of(), delays, overdue);
    }

    @Test
    void theOverdueChartDrawsOneLinePerEngineWithEachDaysCountAndTheDaysAsLabels() {
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        counts.put("google", List.of(0L, 3L, 2L));
        counts.put("yahoo", List.of(0L, 0L, 0L));
        String svg = ConsoleResource.overdueChart(summary(new ComplianceService.OverdueSeries(
                List.of(LocalDate.parse("2026-11-11"), LocalDate.parse("2026-11-21"), LocalDate.parse("2026-12-01")),
                counts), List.of()), Texts.of("en"));

        assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("overdue-chart-title");
        assertThat(svg).contains("<title>google: 2 </title>").contains("<title>yahoo: 0 </title>");
        assertThat(svg).contains(">3</text>");
        assertThat(svg).contains(">2026-11-11</text>").contains(">2026-12-01</text>");
        assertThat(svg).contains("polyline class=\"series\"");
    }

    @Test
    void nothingDueDrawsNoOverdueChartAndNothingDelistedNoDelayChart() {
        ComplianceService.Summary empty = summary(new ComplianceService.OverdueSeries(List.of(), Map.of()),
                List.of(new ComplianceService.DelayDistribution("google", List.of(0L, 0L, 0L, 0L, 0L, 0L))));
        assertThat(ConsoleResource.overdueChart(empty, Texts.of("en"))).isEmpty();
        assertThat(ConsoleResource.delayChart(empty, Texts.of("en"))).isEmpty();
    }

    @Test
    void theDelayChartDrawsEachEnginesNoticesPerBucketOfTimeToDelist() {
        String svg = ConsoleResource.delayChart(summary(new ComplianceService.OverdueSeries(List.of(), Map.of()),
                List.of(new ComplianceService.DelayDistribution("google", List.of(4L, 1L, 0L, 0L, 0L, 2L)))),
                Texts.of("fr"));
        assertThat(svg).contains("id=\"delay-chart\"").contains("role=\"img\"");
        assertThat(svg).contains("jusqu&#39;à 1 jour").contains("plus de 30 jours");
        assertThat(svg).contains(">4</text>").contains(">2</text>");
    }

    @Test
    void everyTextInAChartIsEscaped() {
        String svg = Charts.bars("c\"><script>", "<b>title</b>", "a & b", List.of(new Charts.Series("<i>s</i>", "#000000")),
                List.of(new Charts.Group("<img src=x onerror=alert(1)>", List.of(1.0))), "h");
        assertThat(svg).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>").doesNotContain("<i>");
        assertThat(svg).contains("&lt;img src=x onerror=alert(1)&gt;").contains("a &amp; b");
    }
}
