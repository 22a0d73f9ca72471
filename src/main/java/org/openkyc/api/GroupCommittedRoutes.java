package org.openkyc.api;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Whether a request goes to a handler marked {@link GroupCommitted}, asked by the filters before
 * Spring MVC dispatches it: the request is looked up in Spring MVC's own handler mapping (so any
 * spelling of the path that reaches the handler counts, and nothing else does), once per request,
 * and the mark is read once per handler method.
 */
@Component
public class GroupCommittedRoutes {

    private static final String ATTRIBUTE = GroupCommittedRoutes.class.getName();

    /** Looked up at the first request: the handler mapping is made after the filters. */
    private final SingletonSupplier<HandlerMapping> handlers;
    private final Map<Method, Boolean> marked = new ConcurrentHashMap<>();

    GroupCommittedRoutes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> handlers) {
        this.handlers = SingletonSupplier.of(handlers::getObject);
    }

    /** Whether the request's handler is marked {@link GroupCommitted}. Only POSTs can be: the mark is for writes. */
    public boolean matches(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        // Known for this path: a filter that rewrites the path (a wrapper) makes it another lookup.
        if (request.getAttribute(ATTRIBUTE) instanceof Known known && known.path().equals(request.getRequestURI())) {
            return known.marked();
        }
        Known known = lookUp(request);
        request.setAttribute(ATTRIBUTE, known);
        return known.marked();
    }

    /**
     * The handler this class found for a request to a marked handler, for Spring MVC's dispatch of
     * the same request ({@link FoundHandlerMapping}), with the findings the lookup made (matched
     * pattern, path variables) put on the request as the dispatch's own lookup would: one lookup
     * per request instead of two (measured under P1: each was ~3.5 % of the server's CPU, since a
     * path with a variable is matched against every mapping). Null for any other request.
     */
    HandlerExecutionChain foundFor(HttpServletRequest request) {
        // Only a POST is ever looked up; another path is another dispatch (a forward, an error page).
        if (request.getAttribute(ATTRIBUTE) instanceof Known known && known.marked() && known.path().equals(request.getRequestURI())) {
            known.findings().forEach((name, value) -> {
                if (value == null) {
                    request.removeAttribute(name);
                } else {
                    request.setAttribute(name, value);
                }
            });
            return known.chain();
        }
        return null;
    }

    /** What the lookup found for a path: for a marked handler, the handler and the lookup's findings; else none. */
    private record Known(String path, HandlerExecutionChain chain, Map<String, Object> findings) {
        boolean marked() {
            return chain != null;
        }
    }

    private Known lookUp(HttpServletRequest request) {
        // The lookup leaves its findings (parsed path, matched pattern, path variables) as request
        // attributes: they stay on this wrapper, so the dispatch later finds the request as it was.
        OwnAttributes lookup = new OwnAttributes(request);
        ServletRequestPathUtils.parseAndCache(lookup);
        HandlerExecutionChain chain;
        try {
            chain = handlers.obtain().getHandler(lookup);
        } catch (Exception e) {
            chain = null; // no handler takes it as it is (wrong method, media type...): the dispatch answers that
        }
        boolean isMarked = chain != null && chain.getHandler() instanceof HandlerMethod method
                && marked.computeIfAbsent(method.getMethod(), m -> AnnotatedElementUtils.hasAnnotation(m, GroupCommitted.class));
        if (!isMarked) {
            return new Known(request.getRequestURI(), null, Map.of());
        }
        // The dispatch parses the path itself before it asks for a handler.
        Map<String, Object> findings = new HashMap<>(lookup.attributes);
        findings.remove(ServletRequestPathUtils.PATH_ATTRIBUTE);
        return new Known(request.getRequestURI(), chain, findings);
    }

    /** The request with attributes of its own on top of the request's. */
    private static final class OwnAttributes extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();

        OwnAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, null);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            java.util.Set<String> names = new java.util.LinkedHashSet<>(Collections.list(super.getAttributeNames()));
            attributes.forEach((name, value) -> {
                if (value == null) {
                    names.remove(name);
                } else {
                    names.add(name);
                }
            });
            return Collections.enumeration(names);
        }
    }
}
