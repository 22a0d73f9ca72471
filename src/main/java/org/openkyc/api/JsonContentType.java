package org.openkyc.api;

import java.nio.charset.StandardCharsets;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks the Content-Type of a body route before Spring reads the body. Spring itself fails on
 * {@code *}{@code /*} with an IllegalArgumentException (a 500): a wildcard is not the type of a body.
 * Refused with 415 here: a wildcard or malformed type, and any charset but UTF-8 (RFC 8259 §8.1:
 * JSON between systems is UTF-8; declared Latin-1 was decoded, anything stranger was guessed at).
 * Which concrete types are JSON is left to Spring's converters, which answer 415 for the rest.
 */
final class JsonContentType implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && takesBody(method)) {
            check(request.getContentType());
        }
        return true;
    }

    static void check(String contentType) {
        if (contentType == null) {
            return; // no body type: Spring's converters answer 415
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) { // also an unknown or malformed charset
            throw Errors.unsupportedMediaType();
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw Errors.unsupportedMediaType();
        }
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw Errors.unsupportedMediaType();
        }
    }

    private static boolean takesBody(HandlerMethod method) {
        for (var parameter : method.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }
}
