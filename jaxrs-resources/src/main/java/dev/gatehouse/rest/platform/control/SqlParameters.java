package dev.gatehouse.rest.platform.control;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/** Binding nullable values to plain-JDBC statements and reading them back, for the stores that write SQL of their own. */
public final class SqlParameters {

    private SqlParameters() {
    }

    /** Binds {@code value}, or SQL {@code NULL} of type {@code BIGINT} when it is null. */
    public static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** Binds {@code value}, or SQL {@code NULL} of type {@code INTEGER} when it is null. */
    public static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    /**
     * Binds {@code value} as a {@code TIMESTAMP WITH TIME ZONE} in UTC (an {@code OffsetDateTime}, which
     * H2 and the PostgreSQL driver both take), or SQL {@code NULL} of that type when it is null.
     */
    public static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    /**
     * A {@code TIMESTAMP WITH TIME ZONE} column as an instant, or null. Read with {@code getTimestamp}, not
     * {@code getObject(…, OffsetDateTime.class)}, which Payara's connection wrapper calls by reflection.
     */
    public static Instant getInstant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
