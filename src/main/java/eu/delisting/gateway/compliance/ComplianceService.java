package eu.delisting.gateway.compliance;

import eu.delisting.gateway.notices.NoticeFeed;
import eu.delisting.gateway.notices.NoticeStatus;
import eu.delisting.gateway.notices.NoticeView;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.orders.OrderView;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.tenants.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Per-order compliance: for each addressee, notices per state, overdue and late notices, time from
 * filing to delisting, and coverage gaps. For the order's auditors (during their mandate) and the
 * operator.
 */
@ApplicationScoped
public class ComplianceService {

    private final OrderService orders;
    private final NoticeFeed notices;
    private final Clock clock;

    ComplianceService(OrderService orders, NoticeFeed notices, Clock clock) {
        this.orders = orders;
        this.notices = notices;
        this.clock = clock;
    }

    public record Report(String orderId, String reference, int orderVersion, Instant generatedAt, Set<String> territory,
                         List<AddresseeCompliance> addressees, List<NoticeLine> notices) {
    }

    public record AddresseeCompliance(String addressee, int notices, Map<NoticeStatus, Integer> byStatus, int overdue,
                                      int late, int delisted, DurationStats filingToDelisting, int coverageGaps) {
    }

    /** Seconds, and the same as ISO-8601 durations for people. */
    public record DurationStats(Long medianSeconds, Long p95Seconds, String median, String p95) {
        static DurationStats of(List<Long> seconds) {
            if (seconds.isEmpty()) {
                return new DurationStats(null, null, null, null);
            }
            List<Long> sorted = seconds.stream().sorted().toList();
            long median = percentile(sorted, 50);
            long p95 = percentile(sorted, 95);
            return new DurationStats(median, p95, Duration.ofSeconds(median).toString(), Duration.ofSeconds(p95).toString());
        }

        /** Nearest-rank percentile. */
        private static long percentile(List<Long> sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    /** One notice with what the report concludes about it (the CSV rows). */
    public record NoticeLine(String noticeId, String addressee, String url, String canonicalUrl, NoticeStatus status,
                             Instant createdAt, Instant dueAt, boolean overdue, boolean late, Instant delistedAt,
                             Set<String> territoriesCovered, boolean coverageGap, int acknowledgements, String history) {
    }

    @Transactional
    public Report report(String orderId, Caller caller) {
        orders.requireReadable(orderId, caller);
        if (!orders.oversees(orderId, caller)) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Compliance reports are for the order's auditors and the operator");
        }
        OrderView order = orders.readOrder(orderId, caller);
        orders.recordAuditorRead(caller, "compliance", orderId, orderId);
        Instant now = clock.instant();
        List<NoticeLine> lines = new ArrayList<>();
        for (NoticeFeed.NoticeRecord record : notices.records(orderId)) {
            NoticeView n = record.notice();
            Instant delistedAt = null;
            Set<String> covered = new TreeSet<>();
            for (NoticeView.AcknowledgementView ack : record.history()) {
                if (ack.status() == NoticeStatus.DELISTED) {
                    if (delistedAt == null) {
                        delistedAt = ack.effectiveAt();
                    }
                    covered = new TreeSet<>(ack.territories());
                }
            }
            boolean overdue = n.overdue() || (n.dueAt() != null && now.isAfter(n.dueAt())
                    && (n.status() == NoticeStatus.PENDING || n.status() == NoticeStatus.RECEIVED));
            boolean gap = n.status() == NoticeStatus.DELISTED && !covered.containsAll(order.territory());
            String history = record.history().stream().map(a -> a.status() + "@" + a.effectiveAt()
                    + (a.late() ? "(late)" : "") + (a.reasonCode() != null ? "(" + a.reasonCode() + ")" : ""))
                    .collect(Collectors.joining("; "));
            lines.add(new NoticeLine(n.id(), n.addressee(), n.url(), n.canonicalUrl(), n.status(), n.createdAt(),
                    n.dueAt(), overdue, n.late(), n.status() == NoticeStatus.DELISTED ? delistedAt : null, covered, gap,
                    record.history().size(), history));
        }
        Map<String, List<NoticeLine>> byAddressee = new TreeMap<>();
        order.addressees().forEach(a -> byAddressee.put(a.organisation(), new ArrayList<>()));
        lines.forEach(l -> byAddressee.computeIfAbsent(l.addressee(), k -> new ArrayList<>()).add(l));
        List<AddresseeCompliance> summary = new ArrayList<>();
        byAddressee.forEach((addressee, own) -> {
            Map<NoticeStatus, Integer> counts = new EnumMap<>(NoticeStatus.class);
            for (NoticeStatus s : NoticeStatus.values()) {
                counts.put(s, 0);
            }
            own.forEach(l -> counts.merge(l.status(), 1, Integer::sum));
            List<Long> delays = own.stream().filter(l -> l.delistedAt() != null)
                    .map(l -> Math.max(0, Duration.between(l.createdAt(), l.delistedAt()).toSeconds())).toList();
            summary.add(new AddresseeCompliance(addressee, own.size(), counts,
                    (int) own.stream().filter(NoticeLine::overdue).count(),
                    (int) own.stream().filter(NoticeLine::late).count(), delays.size(), DurationStats.of(delays),
                    (int) own.stream().filter(NoticeLine::coverageGap).count()));
        });
        return new Report(order.id(), order.reference(), order.version(), now, order.territory(), summary, lines);
    }

    /** The report as CSV: one row per notice, its history summarised, safe to open in a spreadsheet. */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder("notice_id,addressee,url,canonical_url,status,created_at,due_at,overdue,"
                + "late,delisted_at,territories_covered,coverage_gap,acknowledgements,history\r\n");
        for (NoticeLine l : report.notices()) {
            out.append(String.join(",", cell(l.noticeId()), cell(l.addressee()), cell(l.url()), cell(l.canonicalUrl()),
                    cell(l.status().name()), cell(l.createdAt()), cell(l.dueAt()), cell(l.overdue()), cell(l.late()),
                    cell(l.delistedAt()), cell(String.join(" ", l.territoriesCovered())), cell(l.coverageGap()),
                    cell(l.acknowledgements()), cell(l.history()))).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // A cell a spreadsheet would read as a formula is neutralised.
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
