package dev.gatehouse.rest.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PingResourceTest {

    @Test
    void ping_answersOkInTheDataEnvelope() {
        assertThat(new PingResource().ping().toString()).isEqualTo("{\"data\":{\"status\":\"ok\"}}");
    }

    @Test
    void ping_isPublic() throws NoSuchMethodException {
        assertThat(PingResource.class.getMethod("ping").isAnnotationPresent(Public.class)).isTrue();
    }
}
