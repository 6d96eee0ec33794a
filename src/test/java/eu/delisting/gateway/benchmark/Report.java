package eu.delisting.gateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The benchmark's table: each figure beside its same-run baseline, the ratio, the target and the verdict. */
final class Report {

    /**
     * One line of the table; {@code pass} is null where the figure is recorded without a target. {@code baseline}
     * is the fair baseline (the same outcome by raw JDBC) or the comparison the workload names; {@code bare} the
     * bare JDBC baseline where there is one, with the ratio to it.
     */
    record Row(String id, String workload, String figure, String baseline, String bare, String ratio, String target,
               Boolean pass) {
        Row(String id, String workload, String figure, String baseline, String ratio, String target, Boolean pass) {
            this(id, workload, figure, baseline, "–", ratio, target, pass);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final boolean judged;

    Report(boolean judged) {
        this.judged = judged;
    }

    void add(Row row) {
        rows.add(row);
        System.out.println("[benchmark] " + row.id() + " " + row.workload() + ": " + row.figure() + " (baseline "
                + row.baseline() + ", ratio " + row.ratio() + ", target " + row.target() + ") " + verdict(row));
    }

    void note(String note) {
        notes.add(note);
        System.out.println("[benchmark] " + note);
    }

    private String verdict(Row row) {
        if (row.pass() == null) {
            return "recorded";
        }
        if (!judged) {
            return row.pass() ? "pass (smoke sizes)" : "miss (smoke sizes, not judged)";
        }
        return row.pass() ? "pass" : "FAIL";
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| id | workload | figure | baseline, same run (fair where JDBC) | bare JDBC baseline | ratio | target"
                + " | result |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            out.append("| ").append(String.join(" | ", r.id(), r.workload(), r.figure(), r.baseline(), r.bare(), r.ratio(),
                    r.target(), verdict(r))).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The median of rounds with their range, e.g. "4,706 (median of 3, 4,512–4,890)"; one round alone as is. */
    static String rounds(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 1) {
            return f(format, sorted[0]);
        }
        // The range in the figure's number format, without its words.
        String number = format.substring(format.indexOf('%'), format.indexOf('f', format.indexOf('%')) + 1);
        return f(format, median(values)) + f(" (median of %d, ", sorted.length) + f(number, sorted[0]) + "–"
                + f(number, sorted[sorted.length - 1]) + ")";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The p-th percentile (0..100) of the values, nearest rank. */
    static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
