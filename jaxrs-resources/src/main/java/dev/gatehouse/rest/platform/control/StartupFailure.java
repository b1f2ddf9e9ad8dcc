package dev.gatehouse.rest.platform.control;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens when Gatehouse cannot start: the reason is logged in plain words and, in the
 * self-contained jar ({@code gatehouse.exit-on-startup-failure=true}), the process exits with status
 * 2 — Payara Micro would otherwise keep running an empty server that looks healthy.
 */
public final class StartupFailure extends RuntimeException {

    private static final Logger LOG = Logger.getLogger("dev.gatehouse");
    private static final long serialVersionUID = 1L;

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Logs the failure, exits when configured to, and returns the exception to throw. */
    public static StartupFailure report(String message, Throwable cause) {
        LOG.log(Level.SEVERE, "Gatehouse cannot start: " + message);
        System.err.println("Gatehouse cannot start: " + message);
        boolean exit = ConfigLookup.flag("gatehouse.exit-on-startup-failure", false);
        if (exit) {
            // Exit from another thread: the deploying thread may hold locks that shutdown hooks need.
            Thread exiter = new Thread(() -> System.exit(2), "gatehouse-startup-failure");
            exiter.setDaemon(false);
            exiter.start();
        }
        return new StartupFailure(message, cause);
    }
}
