package org.openkyc.api;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.testing.Gate;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/** Test-only: routes held at a {@link Gate} until the test releases them, and a signal when the server starts reading a body. */
@Profile("fault-injection")
@RestController
class GateRoutes {

    @GetMapping("/api/v0.1/test-faults/held")
    String held(@RequestParam String gate) throws InterruptedException {
        Gate.pass(gate);
        return "{}";
    }

    /** A POST (so idempotency keys apply) that answers something new each call. */
    @PostMapping(value = "/api/v0.1/test-faults/held", produces = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    String heldPost(@RequestParam String gate) throws InterruptedException {
        Gate.pass(gate);
        return "{\"id\": \"" + UUID.randomUUID() + "\"}";
    }

    /** Signals the gate named in the request's {@link Gate#HEADER} when anything first reads its body. */
    @Profile("fault-injection")
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    static class BodyReadSignal extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
            String gate = request.getHeader(Gate.HEADER);
            chain.doFilter(gate == null ? request : new HttpServletRequestWrapper(request) {
                @Override
                public ServletInputStream getInputStream() throws IOException {
                    return new Signalling(super.getInputStream(), gate);
                }
            }, response);
        }
    }

    private static final class Signalling extends ServletInputStream {
        private final ServletInputStream in;
        private final String gate;

        Signalling(ServletInputStream in, String gate) {
            this.in = in;
            this.gate = gate;
        }

        @Override
        public int read() throws IOException {
            Gate.reached(gate);
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Gate.reached(gate);
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
