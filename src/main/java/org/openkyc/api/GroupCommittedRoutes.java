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
        boolean marked = handlerIsMarked(request);
        request.setAttribute(ATTRIBUTE, new Known(request.getRequestURI(), marked));
        return marked;
    }

    private record Known(String path, boolean marked) {
    }

    private boolean handlerIsMarked(HttpServletRequest request) {
        // The lookup leaves its findings (parsed path, matched pattern, path variables) as request
        // attributes: they stay on this wrapper, so the dispatch later finds the request as it was.
        HttpServletRequest lookup = new OwnAttributes(request);
        ServletRequestPathUtils.parseAndCache(lookup);
        HandlerExecutionChain chain;
        try {
            chain = handlers.obtain().getHandler(lookup);
        } catch (Exception e) {
            return false; // no handler takes it as it is (wrong method, media type...): the dispatch answers that
        }
        return chain != null && chain.getHandler() instanceof HandlerMethod method
                && marked.computeIfAbsent(method.getMethod(), m -> AnnotatedElementUtils.hasAnnotation(m, GroupCommitted.class));
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
