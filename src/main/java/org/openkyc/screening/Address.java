package org.openkyc.screening;

/** An address of an entry (add.csv / cons_add.csv); any part may be null. */
record Address(String street, String cityStateZip, String country, String remarks) {
}
