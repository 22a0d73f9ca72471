package org.openkyc.webhook;

import java.time.Duration;

/** What came of sending one request: the receiver's answer, a failure to get one, or a cut-off by shutdown. */
sealed interface Exchange {

    /** The receiver answered; {@code retryAfter} is its Retry-After in seconds, when it gave one. */
    record Answered(int status, String body, Duration retryAfter) implements Exchange {
    }

    /** No answer: refused by the address guard, timed out, connection failed; {@code error} says which, in words. */
    record Failed(String error) implements Exchange {
    }

    /** The process is stopping: nothing is recorded, the delivery stays leased and is sent again when its lease ends. */
    record CutOff() implements Exchange {
    }
}
