package org.openkyc.review;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address an audit line records. Behind a proxy Tomcat takes it from X-Forwarded-For
 * without checking its form, so only an IP literal is kept: anything else (or anything longer than
 * the column) is recorded as {@code invalid}, never as the text sent.
 */
final class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private ClientAddress() {
    }

    static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address != null && IP_LITERAL.matcher(address).matches() ? address : "invalid";
    }
}
