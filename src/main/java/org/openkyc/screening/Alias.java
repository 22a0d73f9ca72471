package org.openkyc.screening;

/**
 * Another name of an entry: {@code type} is OFAC's aka / fka / nka; {@code fromRemarks} marks the
 * names found only as {@code a.k.a. '...'} in the remarks (OFAC's weaker aliases).
 */
record Alias(String type, String name, boolean fromRemarks) {
}
