package org.openkyc.verification;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.openkyc.customer.KycSubject;
import org.springframework.stereotype.Component;

/**
 * The checks on the applicant's own data (SPEC §8.1): completeness of the CIP fields, age, SSN
 * structure, address rules. Each is a small {@link Check}; the pipeline runs them all.
 */
final class IdentityChecks {

    private IdentityChecks() {
    }

    /** CIP fields present: full name, DOB, residential street address, SSN. */
    @Component
    static final class Completeness implements Check {
        @Override
        public String name() {
            return "identity_data_completeness";
        }

        @Override
        public List<CheckResult> run(Applicant a) {
            KycSubject p = a.person();
            List<CheckResult> hits = new ArrayList<>();
            if (blank(p.firstName()) || blank(p.lastName())) {
                hits.add(CheckResult.hit(name(), "missing_name", "First and last name are required.", Map.of()));
            }
            if (p.dob() == null) {
                hits.add(CheckResult.hit(name(), "missing_dob", "Date of birth is required.", Map.of()));
            }
            if (blank(p.ssn())) {
                hits.add(CheckResult.hit(name(), "missing_ssn", "An SSN or ITIN is required.", Map.of()));
            }
            boolean residential = p.addresses().stream().anyMatch(x -> "PHYSICAL".equals(x.addressType()) && !blank(x.street()));
            if (!residential) {
                hits.add(CheckResult.hit(name(), "missing_address", "A residential (PHYSICAL) street address is required.", Map.of()));
            }
            return hits;
        }
    }

    /** min_age <= age <= 125 on the day of submission. */
    @Component
    static final class Age implements Check {
        @Override
        public String name() {
            return "age";
        }

        @Override
        public List<CheckResult> run(Applicant a) {
            LocalDate dob = a.person().dob();
            if (dob == null) {
                return List.of();
            }
            if (dob.isAfter(a.submittedOn())) {
                // Period.between would give 0 years for a date up to a year ahead: a newborn, passed where there is no minimum age
                return List.of(CheckResult.hit(name(), "dob_implausible", "The date of birth is after the day of submission.", Map.of()));
            }
            int age = Period.between(dob, a.submittedOn()).getYears();
            if (age < a.policy().min_age()) {
                return List.of(CheckResult.hit(name(), "underage", "The applicant is younger than " + a.policy().min_age() + ".",
                        Map.of("age", age, "min_age", a.policy().min_age())));
            }
            if (age > 125) {
                return List.of(CheckResult.hit(name(), "dob_implausible", "The date of birth gives an age over 125.", Map.of("age", age)));
            }
            return List.of();
        }
    }

    /** SSA structure rules, ITIN ranges, publicly known invalid numbers, issuance vs. DOB. */
    @Component
    static final class Ssn implements Check {
        /** Numbers published in advertising or otherwise known to be invalid. */
        private static final Set<String> KNOWN_INVALID = Set.of(
                "078051120", // printed on the sample card in wallets sold by Woolworth, 1938; used by thousands
                "219099999", // the sample card in a 1940 Social Security Board pamphlet
                "457555462", // published in a 2007 identity-theft-protection advertisement
                "123456789",
                // 987-65-4320 to 987-65-4329: the SSA reserves them for advertisements
                "987654320", "987654321", "987654322", "987654323", "987654324",
                "987654325", "987654326", "987654327", "987654328", "987654329");
        /** Areas 773–899 were first issued after the 2011 randomization. */
        private static final LocalDate RANDOMIZATION = LocalDate.of(2011, 6, 25);

        @Override
        public String name() {
            return "ssn";
        }

        @Override
        public List<CheckResult> run(Applicant a) {
            String ssn = a.person().ssn();
            if (blank(ssn)) {
                return List.of();
            }
            String digits = ssn.replace("-", "");
            int area = Integer.parseInt(digits.substring(0, 3));
            int group = Integer.parseInt(digits.substring(3, 5));
            int serial = Integer.parseInt(digits.substring(5));
            Map<String, Object> evidence = Map.of("area", digits.substring(0, 3));
            if (KNOWN_INVALID.contains(digits)) {
                return List.of(CheckResult.hit(name(), "ssn_invalid", "The SSN is a publicly known invalid number.", Map.of()));
            }
            if (area >= 900) {
                boolean itin = (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
                return List.of(itin
                        ? CheckResult.hit(name(), "ssn_is_itin", "The number is an ITIN, not an SSN.", evidence)
                        : CheckResult.hit(name(), "ssn_invalid", "Area numbers 900-999 are never issued as SSNs.", evidence));
            }
            if (area == 0 || area == 666 || group == 0 || serial == 0) {
                return List.of(CheckResult.hit(name(), "ssn_invalid", "The SSN breaks the SSA's structure rules.", evidence));
            }
            LocalDate dob = a.person().dob();
            if (area >= 773 && dob != null && dob.isBefore(RANDOMIZATION.minusYears(30))) {
                return List.of(CheckResult.hit(name(), "ssn_dob_mismatch",
                        "The SSN's area was first issued after 2011, long after the applicant's birth.", evidence));
            }
            return List.of();
        }
    }

    /** Country allowed by the program; no PO box as the residential address. */
    @Component
    static final class Address implements Check {
        /**
         * Every usual spelling of an address that is a box, not a home: P.O. Box / PO BOX / POB,
         * Post Office Box, Postal Box, a bare "Box 12", a caller box ("Caller 1234", "Caller Service
         * 1234"), Lockbox, Drawer and PMB (a private mailbox at a mail store) with a number.
         */
        private static final Pattern PO_BOX = Pattern.compile("(?i)\\b(p\\.?\\s*o\\.?\\s*(box|b\\.?)(?![a-z])|post\\s+office\\s+box\\b"
                + "|postal\\s+box\\b|box\\s*#?\\s*\\d|caller\\s+(service\\s+)?#?\\s*\\d|lock\\s*box\\b|drawer\\s*#?\\s*\\d|pmb\\s*#?\\s*\\d)");

        @Override
        public String name() {
            return "address";
        }

        @Override
        public List<CheckResult> run(Applicant a) {
            List<CheckResult> hits = new ArrayList<>();
            for (KycSubject.PostalAddress address : a.person().addresses()) {
                if (!"PHYSICAL".equals(address.addressType())) {
                    continue;
                }
                if (!a.policy().allowed_countries().contains(address.country())) {
                    hits.add(CheckResult.hit(name(), "country_not_allowed", "The program does not serve residents of " + address.country() + ".",
                            Map.of("country", address.country(), "allowed_countries", a.policy().allowed_countries())));
                }
                if (PO_BOX.matcher(address.street() + " " + (address.street2() == null ? "" : address.street2())).find()) {
                    hits.add(CheckResult.hit(name(), "po_box_physical", "A PO box cannot be a residential address.", Map.of()));
                }
            }
            return hits;
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
