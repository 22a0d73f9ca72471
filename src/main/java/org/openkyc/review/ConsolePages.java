package org.openkyc.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;

/** Answers the console gives outside its controllers (session ended, CSRF refused), as pages and not as the API's JSON. */
final class ConsolePages {

    private ConsolePages() {
    }

    /** A redirect that htmx follows too: a partial request would otherwise swap the login page into the current one. */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String target = request.getContextPath() + path;
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.sendRedirect(target);
    }

    /** 403: most often a form sent without this session's CSRF token (forged, or from before a new login). */
    static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Refused - OpenKYC review</title>
                <link rel="stylesheet" href="/console/static/console.css"></head>
                <body><main class="narrow"><h1>Refused</h1>
                <p id="refused">This request was refused: the form did not carry this session's security token (CSRF), or your account may not do this.
                Go back, reload the page and try again.</p>
                <p><a href="/console">Back to the queue</a></p></main></body></html>
                """.getBytes(StandardCharsets.UTF_8));
    }
}
