package org.openkyc.screening;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date of birth as OFAC writes it: a day ({@code 12 Jan 1955}), a month ({@code Jan 1955}), a
 * year ({@code 1955}), {@code circa 1960}, or a range ({@code 1955 to 1960}). Held as the earliest
 * and latest day it allows.
 */
public record DateOfBirth(String text, LocalDate from, LocalDate to, boolean circa) {

    /** How far a {@code circa} year reaches on either side. */
    static final int CIRCA_YEARS = 2;

    private static final Pattern PART = Pattern.compile("(?i)(circa\\s+)?(?:(\\d{1,2})\\s+)?(?:([a-z]{3})[a-z]*\\.?\\s+)?(\\d{4})");

    /** How an applicant's date of birth compares with an entry's. */
    public enum Agreement {
        /** The same day. */
        DATE,
        /** The entry gives only a year (or month, or range) and the date falls in it. */
        YEAR,
        /** The same year, a different day. */
        YEAR_ONLY,
        /** Outside every date the entry gives. */
        CONTRADICTS,
        /** No date on one side. */
        UNKNOWN
    }

    /** Parses one DOB value, {@code null} when it is not a date OFAC's way. */
    static DateOfBirth parse(String text) {
        String value = text.trim();
        String[] parts = value.split("(?i)\\s+to\\s+", 2);
        DateOfBirth first = part(parts[0]);
        if (first == null) {
            return null;
        }
        if (parts.length == 1) {
            return new DateOfBirth(value, first.from, first.to, first.circa);
        }
        DateOfBirth last = part(parts[1]);
        return last == null ? null : new DateOfBirth(value, first.from, last.to, first.circa || last.circa);
    }

    private static DateOfBirth part(String text) {
        Matcher m = PART.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(4));
        Month month = m.group(3) == null ? null : month(m.group(3));
        if (m.group(3) != null && month == null) {
            return null;
        }
        boolean circa = m.group(1) != null;
        if (month == null) {
            return new DateOfBirth(text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), circa);
        }
        LocalDate firstDay = LocalDate.of(year, month, 1);
        if (m.group(2) == null) {
            return new DateOfBirth(text, firstDay, firstDay.withDayOfMonth(firstDay.lengthOfMonth()), circa);
        }
        int day = Integer.parseInt(m.group(2));
        if (day < 1 || day > firstDay.lengthOfMonth()) {
            return null;
        }
        LocalDate date = firstDay.withDayOfMonth(day);
        return new DateOfBirth(text, date, date, circa);
    }

    private static Month month(String abbreviation) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation)) {
                return month;
            }
        }
        return null;
    }

    /**
     * How an applicant's date compares with one DOB as an entry gives it (OFAC's way, or an ISO
     * day); {@link Agreement#UNKNOWN} when the text is not a date either way or there is no date.
     */
    public static Agreement agreement(String entryText, LocalDate applicant) {
        if (entryText == null || entryText.isBlank()) {
            return Agreement.UNKNOWN;
        }
        DateOfBirth entry = parse(entryText);
        if (entry == null) {
            try {
                LocalDate day = LocalDate.parse(entryText.trim());
                entry = new DateOfBirth(entryText, day, day, false);
            } catch (java.time.format.DateTimeParseException notIso) {
                return Agreement.UNKNOWN;
            }
        }
        return entry.compare(applicant);
    }

    /** The entry's date is a single day (not a month, a year or a range). */
    boolean isDay() {
        return from.equals(to) && !circa;
    }

    Agreement compare(LocalDate applicant) {
        if (applicant == null) {
            return Agreement.UNKNOWN;
        }
        if (isDay()) {
            if (from.equals(applicant)) {
                return Agreement.DATE;
            }
            return from.getYear() == applicant.getYear() ? Agreement.YEAR_ONLY : Agreement.CONTRADICTS;
        }
        int reach = circa ? CIRCA_YEARS : 0;
        LocalDate earliest = from.minusYears(reach);
        LocalDate latest = to.plusYears(reach);
        return applicant.isBefore(earliest) || applicant.isAfter(latest) ? Agreement.CONTRADICTS : Agreement.YEAR;
    }
}
