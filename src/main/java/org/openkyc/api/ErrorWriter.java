package org.openkyc.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope from places outside Spring MVC's exception handling (filters). */
@Component
public class ErrorWriter {

    private final JsonMapper json;

    ErrorWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ApiException error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(bytes(error));
    }

    /**
     * Answers a request without reading its body: the connection is closed after the answer, so
     * that neither the server nor the client has to go through the rest of the body first.
     */
    public void refuseUnread(HttpServletRequest request, HttpServletResponse response, ApiException error) throws IOException {
        if (BufferedBody.expected(request)) {
            response.setHeader("Connection", "close");
            request.setAttribute(TomcatErrors.BODY_UNREAD, Boolean.TRUE);
        }
        write(response, error);
    }

    /** The envelope as it goes on the wire. */
    byte[] bytes(ApiException error) {
        return json.writeValueAsBytes(error.envelope());
    }
}
