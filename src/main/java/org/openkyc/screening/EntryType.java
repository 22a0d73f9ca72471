package org.openkyc.screening;

import java.util.Locale;

/** What a watchlist entry is. OFAC leaves the type empty ({@code -0-}) for entities. */
public enum EntryType {
    INDIVIDUAL, ENTITY, VESSEL, AIRCRAFT;

    static EntryType ofOfac(String sdnType) {
        if (sdnType == null) {
            return ENTITY;
        }
        return switch (sdnType.trim().toLowerCase(Locale.ROOT)) {
            case "individual" -> INDIVIDUAL;
            case "vessel" -> VESSEL;
            case "aircraft" -> AIRCRAFT;
            default -> ENTITY;
        };
    }

    /** Parses the API's {@code type} (case-insensitive), {@code null} when absent. */
    public static EntryType parse(String type) {
        return type == null || type.isBlank() ? null : valueOf(type.trim().toUpperCase(Locale.ROOT));
    }

    /** A person is only ever compared with persons; other kinds among themselves (a vessel's name may be its owner's). */
    boolean compatibleWith(EntryType other) {
        return other == null || (this == INDIVIDUAL) == (other == INDIVIDUAL);
    }
}
