package org.openkyc.webhook;

import java.io.IOException;
import java.time.Duration;

/**
 * Sends a built request and says what came of it, in the terms an attempt is recorded in. The
 * client checks the receiver's addresses where it connects ({@link AddressGuard}): a refusal sends
 * nothing.
 */
final class WebhookSender implements AutoCloseable {

    private final GuardedHttpClient client;
    private final Duration timeout;

    WebhookSender(GuardedHttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    Exchange send(WebhookRequest request) {
        try {
            GuardedHttpClient.Answer answer = client.post(request.url(), request.headers(), request.bytes());
            return new Exchange.Answered(answer.status(), clean(answer.body()), answer.retryAfter() == null ? null : retryAfter(answer.retryAfter()));
        } catch (AddressGuard.Refused e) {
            return new Exchange.Failed(e.getMessage());
        } catch (GuardedHttpClient.TimedOut e) {
            return new Exchange.Failed("timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Exchange.CutOff();
            }
            return new Exchange.Failed("connection failed: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            return new Exchange.Failed("could not send: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    static Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null; // HTTP dates are rare from webhook receivers; the schedule applies
        }
    }

    /** No NUL characters (PostgreSQL text cannot hold them): an attempt must always be recordable. */
    static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }
}
