package dev.gatehouse.rest.platform.control;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Binding nullable values to plain-JDBC statements, for the stores that write SQL of their own. */
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
}
