package dev.gatehouse.it;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys the real {@code gatehouse.war} (as ROOT.war, served at "/") to Payara Micro and drives it
 * over HTTP. Each subclass is one deployment, so tests are grouped by capability, not one class
 * per rule. The database (H2 or PostgreSQL) and the root key come from {@link ItEnvironment}.
 */
@ExtendWith({DatabaseAvailable.class, ArquillianExtension.class})
abstract class GatehouseIT {

    @ArquillianResource
    URL base;

    Http http;
    String root;

    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("gatehouse.it.war", "target/gatehouse.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    @BeforeEach
    void connect() throws URISyntaxException, java.net.MalformedURLException {
        String url = base.toString();
        http = new Http(new URL(url.endsWith("/") ? url : url + "/").toURI());
        root = ItEnvironment.rootKey();
    }

    /** Creates a workspace as root and returns its id. */
    long newWorkspace(String name) {
        Http.Reply r = http.post("api/v1/workspaces").key(root).json("{\"name\": \"" + name + "\"}").send();
        if (r.status() != 201) {
            throw new AssertionError("could not create workspace: " + r);
        }
        return r.data().getJsonNumber("id").longValue();
    }
}
