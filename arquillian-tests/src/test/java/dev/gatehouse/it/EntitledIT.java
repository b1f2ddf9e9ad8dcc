package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.app.PostsApplication;
import dev.gatehouse.it.app.PostsResource;
import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5's "for the deploying app": an app resource metered with {@code @Entitled("posts")} and
 * another with the injectable {@code WorkspaceUsage}, deployed inside the real WAR under the app's
 * own JAX-RS application. The free tier allows 10 posts (hard limit).
 */
@ExtendWith({DatabaseAvailable.class, ArquillianExtension.class})
class EntitledIT {

    @ArquillianResource
    URL base;

    private Http http;
    private String root;

    @BeforeEach
    void connect() throws Exception {
        String url = base.toString();
        http = new Http(new URL(url.endsWith("/") ? url : url + "/").toURI());
        root = ItEnvironment.rootKey();
    }

    private long newWorkspace(String name) {
        return http.post("api/v1/workspaces").key(root).json("{\"name\": \"" + name + "\"}").send()
                .data().getJsonNumber("id").longValue();
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("gatehouse.it.war", "target/gatehouse.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class)
                .addClasses(PostsApplication.class, PostsResource.class);
    }

    @Test
    void entitledAnnotation_checksBeforeAndRecordsAfter_untilTheHardLimit() {
        long ws = newWorkspace("Entitled " + System.nanoTime());
        String key = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"app\", \"scopes\": [\"posts:write\", \"entitlements:read\"]}").send().data().getString("key");
        for (int i = 0; i < 10; i++) {
            Http.Reply ok = http.post("app/posts").key(key).send();
            assertThat(ok.status()).as("post " + (i + 1) + ": " + ok).isEqualTo(201);
        }
        Http.Reply refused = http.post("app/posts").key(key).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("feature_limit_reached");
        assertThat(refused.json().getString("feature")).isEqualTo("posts");
        assertThat(used(key)).as("the refused call recorded nothing").isEqualTo(10);
    }

    @Test
    void workspaceUsage_recordsInsideTheMethod_andRefusesPastTheLimit() {
        long ws = newWorkspace("Usage API " + System.nanoTime());
        String key = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"app\", \"scopes\": [\"posts:write\", \"entitlements:read\"]}").send().data().getString("key");
        for (int i = 0; i < 10; i++) {
            assertThat(http.post("app/posts/drafts").key(key).send().status()).isEqualTo(201);
        }
        Http.Reply refused = http.post("app/posts/drafts").key(key).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("feature_limit_reached");
        assertThat(used(key)).isEqualTo(10);
    }

    private int used(String key) {
        return http.get("api/v1/entitlements/summary").key(key).send().data()
                .getJsonObject("entitlements").getJsonObject("posts").getInt("used");
    }
}
