/**
 * Watchlist screening (SPEC §9): the OFAC lists loaded, normalized, indexed and matched. Its face
 * is {@link org.openkyc.screening.WatchlistScreening} and the {@link org.openkyc.screening.Match}es
 * it returns.
 */
@org.springframework.modulith.ApplicationModule
package org.openkyc.screening;
