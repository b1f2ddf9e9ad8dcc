package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A first connection that fails is a failed start-up, said in plain words and without the URL's secrets. */
class ConfiguredDataSourceTest {

    private static final String URL_PROPERTY = "gatehouse.db.url";
    private static final Logger GATEHOUSE = Logger.getLogger("dev.gatehouse");

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        GATEHOUSE.addHandler(capture);
    }

    @AfterEach
    void clear() {
        GATEHOUSE.removeHandler(capture);
        System.clearProperty(URL_PROPERTY);
    }

    @Test
    void firstConnectionRefused_isReportedOnce_withoutTheQueryOfTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        System.setProperty(URL_PROPERTY, "jdbc:postgresql://127.0.0.1:" + closedPort + "/gatehouse?password=s3cr3t-in-url&connectTimeout=2");
        ConfiguredDataSource dataSource = new ConfiguredDataSource();

        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class);
        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class);

        assertThat(logged).hasSize(1);
        assertThat(logged.get(0))
                .startsWith("Gatehouse cannot start: cannot connect to the database jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/gatehouse as postgres: ")
                .doesNotContain("s3cr3t-in-url");
    }

    @Test
    void failureAfterAConnectionWasMade_isNotAStartUpFailure() throws SQLException {
        String name = "ds_" + UUID.randomUUID().toString().replace("-", "");
        System.setProperty(URL_PROPERTY, "jdbc:h2:mem:" + name);
        ConfiguredDataSource dataSource = new ConfiguredDataSource();
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        System.setProperty(URL_PROPERTY, "jdbc:h2:mem:" + name + ";IFEXISTS=TRUE");

        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class); // the in-memory database is gone

        assertThat(logged).isEmpty();
    }

    @Test
    void shownUrl_dropsTheQueryOrH2Settings() {
        assertThat(ConfiguredDataSource.Settings.shown("jdbc:postgresql://db:5432/gh?user=u&password=p")).isEqualTo("jdbc:postgresql://db:5432/gh");
        assertThat(ConfiguredDataSource.Settings.shown("jdbc:postgresql://db:5432/gh")).isEqualTo("jdbc:postgresql://db:5432/gh");
        assertThat(ConfiguredDataSource.Settings.shown(ConfiguredDataSource.DEFAULT_URL)).isEqualTo("jdbc:h2:file:./gatehouse-data/gatehouse");
    }
}
