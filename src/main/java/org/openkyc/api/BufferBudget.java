package org.openkyc.api;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds the bytes of request bodies held in memory at once, across all requests
 * ({@code openkyc.limits.buffered-bytes}, 256 MiB by default): bodies are read whole before their
 * request queues for a place ({@link AdmissionFilter}), so without a bound authenticated clients
 * sending many large bodies at once could fill the heap. A declared length is taken up front; a
 * chunked body takes its bytes as they arrive. A body that does not fit is refused with a 503.
 */
@Component
class BufferBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    BufferBudget(@Value("${openkyc.limits.buffered-bytes:268435456}") long limit) {
        this.limit = limit;
    }

    /** A hold on {@code bytes} of the budget, or null when they are not left. */
    Hold hold(long bytes) {
        Hold hold = new Hold();
        return hold.growTo(bytes) ? hold : null;
    }

    /** Bytes held now, by all requests. */
    long inUse() {
        return used.get();
    }

    private boolean take(long bytes) {
        for (long now = used.get(); ; now = used.get()) {
            if (now + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Thrown while reading a body that grows past what is left of the budget. */
    static final class Exhausted extends IOException {
        Exhausted() {
            super("the buffered-bytes budget is used up", null);
        }
    }

    /** One request's share of the budget, given back when the request is done. */
    final class Hold {
        private long held;

        private boolean growTo(long bytes) {
            if (bytes <= held) {
                return true;
            }
            if (!take(bytes - held)) {
                return false;
            }
            held = bytes;
            return true;
        }

        void release() {
            used.addAndGet(-held);
            held = 0;
        }

        /** The request, its body taking more of the budget as it grows past what is held. */
        HttpServletRequest counting(HttpServletRequest request) {
            return new CountedBody(request, total -> {
                if (!growTo(total)) {
                    throw new Exhausted();
                }
            });
        }
    }
}
