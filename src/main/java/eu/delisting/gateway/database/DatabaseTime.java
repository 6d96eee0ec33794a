package eu.delisting.gateway.database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants in DATETIME(6) columns are stored as UTC wall-clock time ({@code quarkus.hibernate-orm.jdbc.timezone=UTC}
 * for entities, {@link #toColumn} for native SQL). Native queries hand them back as {@link LocalDateTime} or {@link java.sql.Timestamp}; both are
 * read as UTC here, never in the JVM's own zone.
 */
public final class DatabaseTime {

    private DatabaseTime() {
    }

    public static Instant toInstant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (column instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (column instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (Instant) column;
    }

    public static LocalDateTime toColumn(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
