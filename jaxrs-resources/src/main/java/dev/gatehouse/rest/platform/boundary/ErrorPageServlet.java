package dev.gatehouse.rest.platform.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servlet container's error page ({@code <error-page>} in {@code web.xml}): whatever the
 * container itself answers with an error status, or an exception that escaped every filter, leaves
 * as JSON in the one error shape with {@code X-Request-ID} instead of the server's HTML page. The
 * code for each status is {@link ApiException#forStatus}'s; a 5xx is logged with the request id.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) { // called directly: nothing here
            ServletErrors.write(request, response, ApiException.notFound());
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof ApiException api) {
                    ServletErrors.write(request, response, api);
                    return;
                }
            }
            if (status >= 500) {
                LOG.log(Level.SEVERE, "Unexpected failure serving request " + ServletErrors.requestId(request), t);
            }
        }
        ServletErrors.write(request, response, ApiException.forStatus(status));
    }
}
