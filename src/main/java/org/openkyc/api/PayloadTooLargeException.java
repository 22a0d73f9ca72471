package org.openkyc.api;

import java.io.IOException;

/** Thrown while reading a body that grows past the limit of its route. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes", null);
    }
}
