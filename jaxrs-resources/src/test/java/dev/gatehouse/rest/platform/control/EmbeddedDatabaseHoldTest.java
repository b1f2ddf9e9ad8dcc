package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded H2 database lives exactly as long as the hold: not closed with its last other connection. */
class EmbeddedDatabaseHoldTest {

    private static final String URL_PROPERTY = "gatehouse.db.url";

    @AfterEach
    void clear() {
        System.clearProperty(URL_PROPERTY);
    }

    @Test
    void hold_keepsAnInMemoryDatabase_afterEveryOtherConnectionClosed_untilItIsClosed() throws SQLException {
        String url = "jdbc:h2:mem:hold_" + UUID.randomUUID().toString().replace("-", "");
        System.setProperty(URL_PROPERTY, url);
        EmbeddedDatabaseHold hold = EmbeddedDatabaseHold.open();
        assertThat(hold.holding()).isTrue();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT)");
        }
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", ""); Statement s = c.createStatement()) {
            s.execute("SELECT COUNT(*) FROM kept"); // still there: the hold kept the database open
        }

        hold.close();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELECT COUNT(*) FROM kept")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void open_onPostgreSql_holdsNothing() {
        System.setProperty(URL_PROPERTY, "jdbc:postgresql://127.0.0.1:1/none");
        try (EmbeddedDatabaseHold hold = EmbeddedDatabaseHold.open()) {
            assertThat(hold.holding()).isFalse();
        }
    }

    @Test
    void settings_h2Url_isClosedByTheApplication_unlessItSaysOtherwise() {
        assertThat(ConfiguredDataSource.Settings.closedByTheApplication("jdbc:h2:file:./x;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./x;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(ConfiguredDataSource.Settings.closedByTheApplication("jdbc:h2:file:./x;db_close_on_exit=true"))
                .isEqualTo("jdbc:h2:file:./x;db_close_on_exit=true");
        assertThat(ConfiguredDataSource.Settings.closedByTheApplication("jdbc:h2:file:./x;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./x;AUTO_SERVER=TRUE"); // H2 refuses the combination
        assertThat(ConfiguredDataSource.Settings.closedByTheApplication("jdbc:postgresql://db/gatehouse"))
                .isEqualTo("jdbc:postgresql://db/gatehouse");
    }
}
