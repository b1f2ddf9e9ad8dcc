package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.platform.control.StartupFailure;
import dev.gatehouse.webhooks.SecretCipher;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the delivery workers with the web application and stops them on undeploy. The secrets
 * key is resolved first, so a malformed {@code GATEHOUSE_SECRETS_KEY} stops start-up with a plain
 * message and a generated key is created (with its warning) before the first request needs it.
 */
@WebListener
public class WebhookWorkersStartup implements ServletContextListener {

    @Inject
    Instance<SecretCipher> cipher;

    @Inject
    DeliveryWorker worker;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            cipher.get().toString();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                cause = cause.getCause();
            }
            throw StartupFailure.report(cause.getMessage(), e);
        }
        worker.start();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        worker.stop();
    }
}
