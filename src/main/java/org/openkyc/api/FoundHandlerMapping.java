package org.openkyc.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * First of Spring MVC's handler mappings: a request whose handler the filters have already looked
 * up ({@link GroupCommittedRoutes}) is dispatched to what they found; every other request goes on
 * to the ordinary mappings.
 */
@Component
class FoundHandlerMapping implements HandlerMapping, Ordered {

    private final GroupCommittedRoutes routes;

    FoundHandlerMapping(GroupCommittedRoutes routes) {
        this.routes = routes;
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) {
        return routes.foundFor(request);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
