package eu.delisting.gateway.compliance;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

    /** Upper bounds of the buckets of time to delist (the last bucket holds everything longer). */
    public static final List<Duration> DELAY_BUCKETS = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7),
            Duration.ofDays(15), Duration.ofDays(30));

    /** Days drawn at most in the overdue series; a longer record is counted in steps of several days. */
    static final int DAYS_COUNTED = 60;

    private final OrderService orders;
    private final NoticeFeed notices;
    private final ComplianceRepository figures;
    private final ComplianceConfig config;
    private final Clock clock;
    private final ObjectMapper json;

    ComplianceService(OrderService orders, NoticeFeed notices, ComplianceRepository figures, ComplianceConfig config,
                      Clock clock, ObjectMapper json) {
        this.json = json;
        this.orders = orders;
        this.notices = notices;
        this.figures = figures;
        this.config = config;
        this.clock = clock;
    }

    /**
     * An order's compliance without its notice lines, every figure aggregated by the database (a few rows per
     * addressee leave it, so memory and transfer stay the same whatever the order's size; the database's work
     * grows with the order's notices): the report's per-addressee figures, the distribution of times to delist
     * per addressee, and the notices overdue at the end of each day. The figures come from separate statements:
     * on an order being acknowledged meanwhile, they may differ by the acknowledgements in between.
     */
    public record Summary(String orderId, String reference, int orderVersion, Instant generatedAt, Set<String> territory,
                          List<AddresseeCompliance> addressees, List<DelayDistribution> delays, OverdueSeries overdue) {
    }

    /** Delisted notices per bucket of {@link #DELAY_BUCKETS} (one more for the longer ones). */
    public record DelayDistribution(String addressee, List<Long> notices) {
    }

    /**
     * Notices past their due instant and not delisted at the end of each day (the last one: now), per addressee,
     * in the order's time zone, from the day the first of them was filed; empty when none can be overdue.
     * Rejected, cancelled and expired notices are left out (the record has no instant for their end).
     */
    public record OverdueSeries(List<LocalDate> days, Map<String, List<Long>> counts) {
        public boolean isEmpty() {
            return days.isEmpty();
        }
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
            return of(percentile(sorted, 50), percentile(sorted, 95));
        }

        static DurationStats of(long median, long p95) {
            return new DurationStats(median, p95, Duration.ofSeconds(median).toString(), Duration.ofSeconds(p95).toString());
        }

        /** Nearest-rank percentile. */
        private static long percentile(List<Long> sorted, int p) {
            int rank = (int) rank(sorted.size(), p);
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    /** One notice with what the report concludes about it (the CSV rows). */
    public record NoticeLine(String noticeId, String addressee, String url, String canonicalUrl, NoticeStatus status,
                             Instant createdAt, Instant dueAt, boolean overdue, boolean late, Instant delistedAt,
                             Set<String> territoriesCovered, boolean coverageGap, int acknowledgements, String history) {
    }

    @Transactional
    public Summary summary(String orderId, Caller caller) {
        OrderView order = overseen(orderId, caller);
        Instant now = clock.instant();
        String id = order.id();

        Map<String, Map<NoticeStatus, Integer>> byStatus = new TreeMap<>();
        Map<String, long[]> overdueLate = new TreeMap<>();
        order.addressees().forEach(a -> byStatus.put(a.organisation(), new EnumMap<>(NoticeStatus.class)));
        for (ComplianceRepository.StateCount c : figures.stateCounts(id, now)) {
            byStatus.computeIfAbsent(c.addressee(), k -> new EnumMap<>(NoticeStatus.class)).put(c.status(), (int) c.notices());
            long[] ol = overdueLate.computeIfAbsent(c.addressee(), k -> new long[2]);
            ol[0] += c.overdue();
            ol[1] += c.late();
        }
        Map<String, Map<Long, Long>> ranked = new TreeMap<>();
        Map<String, Long> delisted = new TreeMap<>();
        for (ComplianceRepository.RankedDelay d : figures.delaysAtPercentiles(id, 50, 95)) {
            ranked.computeIfAbsent(d.addressee(), k -> new TreeMap<>()).put(d.rank(), d.seconds());
            delisted.put(d.addressee(), d.total());
        }
        Map<String, Integer> gaps = new TreeMap<>();
        for (ComplianceRepository.Coverage c : figures.coverage(id)) {
            List<String> covered = c.territories().isEmpty() ? List.of() : List.of(c.territories().split(","));
            if (!covered.containsAll(order.territory())) {
                gaps.merge(c.addressee(), (int) c.notices(), Integer::sum);
            }
        }
        Map<String, List<Long>> buckets = new TreeMap<>();
        long[] bounds = DELAY_BUCKETS.stream().mapToLong(Duration::toSeconds).toArray();
        for (ComplianceRepository.DelayBucket b : figures.delayBuckets(id, bounds)) {
            buckets.computeIfAbsent(b.addressee(), k -> new ArrayList<>(Collections.nCopies(bounds.length + 1, 0L)))
                    .set(b.bucket(), b.notices());
        }

        List<AddresseeCompliance> addressees = new ArrayList<>();
        List<DelayDistribution> delays = new ArrayList<>();
        for (Map.Entry<String, Map<NoticeStatus, Integer>> e : byStatus.entrySet()) {
            String addressee = e.getKey();
            Map<NoticeStatus, Integer> counts = new EnumMap<>(NoticeStatus.class);
            for (NoticeStatus s : NoticeStatus.values()) {
                counts.put(s, e.getValue().getOrDefault(s, 0));
            }
            long total = delisted.getOrDefault(addressee, 0L);
            Map<Long, Long> at = ranked.getOrDefault(addressee, Map.of());
            DurationStats stats = total == 0 ? new DurationStats(null, null, null, null)
                    : DurationStats.of(at.get(rank(total, 50)), at.get(rank(total, 95)));
            long[] ol = overdueLate.getOrDefault(addressee, new long[2]);
            addressees.add(new AddresseeCompliance(addressee, counts.values().stream().mapToInt(Integer::intValue).sum(),
                    counts, (int) ol[0], (int) ol[1], (int) total, stats, gaps.getOrDefault(addressee, 0)));
            delays.add(new DelayDistribution(addressee, buckets.getOrDefault(addressee,
                    Collections.nCopies(bounds.length + 1, 0L))));
        }
        List<String> names = addressees.stream().map(AddresseeCompliance::addressee).toList();
        return new Summary(id, order.reference(), order.version(), now, order.territory(), addressees, delays,
                overdueSeries(id, names, ZoneId.of(order.timezone()), now));
    }

    /** The order, if the caller oversees it (its auditor now, or the operator); the read is recorded. */
    private OrderView overseen(String orderId, Caller caller) {
        OrderView order = orders.summary(orderId, caller);
        if (!orders.oversees(orderId, caller)) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Compliance reports are for the order's auditors and the operator");
        }
        orders.recordAuditorRead(caller, "compliance", orderId, orderId);
        return order;
    }

    /** The nearest rank of the p-th percentile among n values: ceil(p × n / 100). */
    static long rank(long n, int p) {
        return (n * p + 99) / 100;
    }

    private OverdueSeries overdueSeries(String orderId, List<String> addressees, ZoneId zone, Instant now) {
        Instant first = figures.firstDueNoticeFiled(orderId);
        if (first == null || addressees.isEmpty()) {
            return new OverdueSeries(List.of(), Map.of());
        }
        LocalDate from = first.atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(from, today) + 1;
        long step = Math.max(1, (days + DAYS_COUNTED - 1) / DAYS_COUNTED);
        List<LocalDate> ends = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(step)) {
            ends.add(d);
        }
        if (!ends.get(ends.size() - 1).equals(today)) {
            ends.add(today);
        }
        List<Instant> instants = ends.stream()
                .map(d -> d.equals(today) ? now : d.plusDays(1).atStartOfDay(zone).toInstant()).toList();
        List<long[]> series = figures.overdueAt(orderId, instants, addressees);
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (int i = 0; i < addressees.size(); i++) {
            counts.put(addressees.get(i), Arrays.stream(series.get(i)).boxed().toList());
        }
        return new OverdueSeries(ends, counts);
    }

    /**
     * Per addressee, the report's figures from its notice lines, added one at a time as they are written: the
     * figures and the lines of one report agree, whatever happens to the order meanwhile.
     */
    static final class Tally {
        private final Map<String, Map<NoticeStatus, Integer>> counts = new TreeMap<>();
        private final Map<String, int[]> flags = new TreeMap<>();   // notices, overdue, late, coverage gaps
        private final Map<String, List<Long>> delays = new TreeMap<>();

        Tally(Collection<String> addressees) {
            addressees.forEach(this::open);
        }

        private void open(String addressee) {
            counts.computeIfAbsent(addressee, k -> {
                Map<NoticeStatus, Integer> byStatus = new EnumMap<>(NoticeStatus.class);
                for (NoticeStatus s : NoticeStatus.values()) {
                    byStatus.put(s, 0);
                }
                return byStatus;
            });
            flags.computeIfAbsent(addressee, k -> new int[4]);
            delays.computeIfAbsent(addressee, k -> new ArrayList<>());
        }

        void add(NoticeLine line) {
            open(line.addressee());
            counts.get(line.addressee()).merge(line.status(), 1, Integer::sum);
            int[] f = flags.get(line.addressee());
            f[0]++;
            f[1] += line.overdue() ? 1 : 0;
            f[2] += line.late() ? 1 : 0;
            f[3] += line.coverageGap() ? 1 : 0;
            if (line.delistedAt() != null) {
                delays.get(line.addressee()).add(Math.max(0, Duration.between(line.createdAt(), line.delistedAt())
                        .toSeconds()));
            }
        }

        List<AddresseeCompliance> figures() {
            List<AddresseeCompliance> figures = new ArrayList<>();
            counts.forEach((addressee, byStatus) -> {
                int[] f = flags.get(addressee);
                List<Long> own = delays.get(addressee);
                figures.add(new AddresseeCompliance(addressee, f[0], byStatus, f[1], f[2], own.size(),
                        DurationStats.of(own), f[3]));
            });
            return figures;
        }
    }

    /**
     * The whole report as JSON, for the order's auditors and the operator: the access is checked, the read
     * recorded and the order's newest notice noted now; the document is written later, a page of notices at a
     * time in feed order (as {@link CsvExport}), the per-addressee figures last, counted from the lines written,
     * so a report holds one page in memory whatever the order's size. A failure part way breaks it off.
     */
    @Transactional
    public JsonExport jsonExport(String orderId, Caller caller) {
        OrderView order = overseen(orderId, caller);
        return new JsonExport(order, clock.instant(), notices.lastPosition(order.id()));
    }

    /** A report whose access was granted: {@link #writeTo} writes it. */
    public final class JsonExport {
        private final OrderView order;
        private final Instant at;
        private final long through;

        private JsonExport(OrderView order, Instant at, long through) {
            this.order = order;
            this.at = at;
            this.through = through;
        }

        public void writeTo(OutputStream out) throws IOException {
            Tally tally = new Tally(order.addressees().stream().map(a -> a.organisation()).toList());
            BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            try (JsonGenerator report = json.createGenerator(buffered, JsonEncoding.UTF8)) {
                report.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                // A report broken off part way must not end as a well-formed document, and each line written
                // (the mapper flushes after every value) must not become a write of its own: sent a page at a time.
                report.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
                report.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
                report.writeStartObject();
                report.writeStringField("orderId", order.id());
                report.writeStringField("reference", order.reference());
                report.writeNumberField("orderVersion", order.version());
                report.writeObjectField("generatedAt", at);
                report.writeObjectField("territory", order.territory());
                report.writeArrayFieldStart("notices");
                long after = 0;
                List<NoticeFeed.NoticeRecord> page;
                do {
                    page = notices.records(order.id(), after, through, config.page());
                    for (NoticeFeed.NoticeRecord record : page) {
                        NoticeLine line = line(record, order.territory(), at);
                        report.writeObject(line);
                        tally.add(line);
                        after = record.notice().cursor();
                    }
                    report.flush();
                    buffered.flush();
                } while (page.size() == config.page());
                report.writeEndArray();
                report.writeObjectField("addressees", tally.figures());
                report.writeEndObject();
                report.flush();
            }
            buffered.flush();
        }
    }

    /** What the report concludes about one notice from its history. */
    static NoticeLine line(NoticeFeed.NoticeRecord record, Set<String> territory, Instant now) {
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
        boolean gap = n.status() == NoticeStatus.DELISTED && !covered.containsAll(territory);
        String history = record.history().stream().map(a -> a.status() + "@" + a.effectiveAt()
                + (a.late() ? "(late)" : "") + (a.reasonCode() != null ? "(" + a.reasonCode() + ")" : ""))
                .collect(Collectors.joining("; "));
        return new NoticeLine(n.id(), n.addressee(), n.url(), n.canonicalUrl(), n.status(), n.createdAt(),
                n.dueAt(), overdue, n.late(), n.status() == NoticeStatus.DELISTED ? delistedAt : null, covered, gap,
                record.history().size(), history);
    }

    /**
     * The report's notice lines as CSV, for the order's auditors and the operator: the access is checked, the
     * read recorded and the order's newest notice noted now (so a refusal is an answer, not a broken download,
     * and the export covers the notices filed until now); the rows are written later, a page of notices at a
     * time in feed order, so an export holds one page in memory whatever the order's size. Each page shows its
     * notices as they are when it is read. A failure part way breaks the download off.
     */
    @Transactional
    public CsvExport csvExport(String orderId, Caller caller) {
        OrderView order = overseen(orderId, caller);
        return new CsvExport(order.id(), order.territory(), clock.instant(), notices.lastPosition(order.id()));
    }

    /** An export whose access was granted: {@link #writeTo} writes its rows. */
    public final class CsvExport {
        private final String orderId;
        private final Set<String> territory;
        private final Instant at;
        private final long through;

        private CsvExport(String orderId, Set<String> territory, Instant at, long through) {
            this.orderId = orderId;
            this.territory = territory;
            this.at = at;
            this.through = through;
        }

        public void writeTo(OutputStream out) throws IOException {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(CSV_HEADER);
            long after = 0;
            List<NoticeFeed.NoticeRecord> page;
            do {
                page = notices.records(orderId, after, through, config.page());
                for (NoticeFeed.NoticeRecord record : page) {
                    writer.write(csvRow(line(record, territory, at)));
                    after = record.notice().cursor();
                }
            } while (page.size() == config.page());
            writer.flush();
        }
    }

    static final String CSV_HEADER = "notice_id,addressee,url,canonical_url,status,created_at,due_at,overdue,"
            + "late,delisted_at,territories_covered,coverage_gap,acknowledgements,history\r\n";

    /** One notice's CSV row, safe to open in a spreadsheet. */
    static String csvRow(NoticeLine l) {
        return String.join(",", cell(l.noticeId()), cell(l.addressee()), cell(l.url()), cell(l.canonicalUrl()),
                cell(l.status().name()), cell(l.createdAt()), cell(l.dueAt()), cell(l.overdue()), cell(l.late()),
                cell(l.delistedAt()), cell(String.join(" ", l.territoriesCovered())), cell(l.coverageGap()),
                cell(l.acknowledgements()), cell(l.history())) + "\r\n";
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
