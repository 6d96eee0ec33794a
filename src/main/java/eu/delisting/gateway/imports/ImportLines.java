package eu.delisting.gateway.imports;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of imports, by JDBC batches: an upload writes them as it reads them (never the whole file in
 * memory), a chunk reads up to 1,000 and writes their outcomes, the result file is read page by page.
 * Runs on the connection of the caller's transaction.
 */
@ApplicationScoped
class ImportLines {

    /** A line as read: its URL, or the reason it holds none. */
    record Read(int lineNo, String url, String code, String detail) {
    }

    /** A line's outcome once processed. */
    record Outcome(int lineNo, String requestId, String code, String detail, String hint) {
        static Outcome filed(int lineNo, String requestId) {
            return new Outcome(lineNo, requestId, null, null, null);
        }
    }

    /** A stored line with its outcome (PENDING, FILED or REFUSED). */
    record Line(int lineNo, String url, String status, String requestId, String code, String detail, String hint) {
    }

    private final AgroalDataSource db;

    ImportLines(AgroalDataSource db) {
        this.db = db;
    }

    void insert(String jobId, List<Read> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO import_line (job_id, line_no, url, status, code, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Read line : lines) {
                insert.setString(1, jobId);
                insert.setInt(2, line.lineNo());
                insert.setString(3, line.url());
                insert.setString(4, line.code() == null ? "PENDING" : "REFUSED");
                insert.setString(5, line.code());
                insert.setString(6, line.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Import lines could not be stored", e);
        }
    }

    /** Up to {@code limit} lines still to file, in file order. */
    List<Read> pending(String jobId, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT line_no, url FROM import_line WHERE job_id = ? AND status = 'PENDING' ORDER BY line_no LIMIT ?")) {
            select.setString(1, jobId);
            select.setInt(2, limit);
            List<Read> lines = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Read(rs.getInt(1), rs.getString(2), null, null));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("Import lines could not be read", e);
        }
    }

    void record(String jobId, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement("""
                UPDATE import_line SET status = ?, request_id = ?, code = ?, detail = ?, hint = ?
                WHERE job_id = ? AND line_no = ? AND status = 'PENDING'""")) {
            for (Outcome o : outcomes) {
                update.setString(1, o.requestId() != null ? "FILED" : "REFUSED");
                setNullable(update, 2, o.requestId());
                setNullable(update, 3, o.code());
                setNullable(update, 4, clip(o.detail()));
                setNullable(update, 5, clip(o.hint()));
                update.setString(6, jobId);
                update.setInt(7, o.lineNo());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Import outcomes could not be stored", e);
        }
    }

    /** Refuses every line still pending with the job's failure; how many there were. */
    int refuseRest(String jobId, String code, String detail) {
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE import_line SET status = 'REFUSED', code = ?, detail = ? WHERE job_id = ? AND status = 'PENDING'")) {
            update.setString(1, code);
            update.setString(2, clip(detail));
            update.setString(3, jobId);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Import lines could not be refused", e);
        }
    }

    /** How many lines were refused as they were read (no URL on the line). */
    int refusedOnRead(String jobId) {
        try (Connection c = db.getConnection(); PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM import_line WHERE job_id = ? AND status = 'REFUSED'")) {
            count.setString(1, jobId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Import lines could not be counted", e);
        }
    }

    /** A page of the result: lines after {@code afterLine}, in file order. */
    List<Line> page(String jobId, int afterLine, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement("""
                SELECT line_no, url, status, request_id, code, detail, hint FROM import_line
                WHERE job_id = ? AND line_no > ? ORDER BY line_no LIMIT ?""")) {
            select.setString(1, jobId);
            select.setInt(2, afterLine);
            select.setInt(3, limit);
            List<Line> lines = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("Import lines could not be read", e);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
