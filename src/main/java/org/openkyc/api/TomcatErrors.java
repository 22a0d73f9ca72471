package org.openkyc.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Tomcat's part in answering every request in the envelope (SPEC §1.1). Requests Tomcat refuses
 * before the application sees them (a malformed path, two {@code Content-Length}s, headers too
 * large, {@code CONNECT}) are answered by the host's error report valve, which writes an HTML page:
 * it is replaced by one that writes the envelope with a request id. And a request refused before
 * its body was read ({@link ErrorWriter#refuseUnread}) closes its connection without Tomcat
 * reading ("swallowing") the rest of the body first.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after Boot's own customizer, which adds the stock valve to the host
class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** Set on a request that was answered without reading its body. */
    static final String BODY_UNREAD = TomcatErrors.class.getName() + ".bodyUnread";

    private static final Logger log = LoggerFactory.getLogger("org.openkyc.access");

    private final ErrorWriter errors;

    TomcatErrors(ErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.removeValve(valve);
                }
            }
            host.addValve(new EnvelopeValve(errors));
            // The host adds a valve of this class at start unless one is there already.
            if (context.getParent() instanceof StandardHost standard) {
                standard.setErrorReportValveClass(EnvelopeValve.class.getName());
            }
        });
        // On the engine, outside the host: Tomcat takes the request for an error once swallowing is off,
        // and inside the host that would have the error page written over the answer.
        factory.addEngineValves(new UnreadBodyValve());
    }

    /** Writes the envelope where Tomcat would write its error page. */
    static final class EnvelopeValve extends ErrorReportValve {

        private final ErrorWriter errors;

        EnvelopeValve(ErrorWriter errors) {
            this.errors = errors;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            if (response.getHeader(RequestLogFilter.HEADER) == null) {
                // Refused before the application's filters ran: no id yet, and no access line either.
                String requestId = RequestLogFilter.requestId(request);
                response.setHeader(RequestLogFilter.HEADER, requestId);
                log.info("{} (unmatched) {} request_id={} brand_id=- refused by the server", safeMethod(request), status, requestId);
            }
            ApiException error = Errors.forStatus(status);
            try {
                response.setStatus(error.status().value()); // the same in the envelope, for statuses it has no entry for
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(new String(errors.bytes(error), StandardCharsets.UTF_8));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response cannot take a body: nothing more to say.
            }
        }

        /** Tomcat parses a method as a token, but a request it could not parse may have none. */
        private static String safeMethod(Request request) {
            String method = request.getMethod();
            return method != null && method.matches("[A-Z]{1,16}") ? method : "-";
        }
    }

    /** Drops a connection whose request was answered without reading its body, instead of reading the body to keep it. */
    static final class UnreadBodyValve extends ValveBase {

        UnreadBodyValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (request.getAttribute(BODY_UNREAD) != null) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
