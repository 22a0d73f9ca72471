/**
 * Review (SPEC §10): the cases a person decides (attempts in {@code under_review}, potential
 * matches raised by ongoing monitoring), the queue, the decisions and the append-only audit trail.
 * {@link org.openkyc.review.ReviewDesk} is the service the console and the API call.
 */
@org.springframework.modulith.ApplicationModule
package org.openkyc.review;
