package dev.rockstar.tenancy.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every Arquillian test of the deployed WAR shares: it runs as a client of the server, over
 * HTTP. Each subclass declares its own {@code @Deployment(testable = false)}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedWarTest {

    @ArquillianResource
    protected URL base;

    protected TenancyClient client;

    @BeforeEach
    void connect() {
        client = new TenancyClient(base);
    }
}
