package org.openkyc.verification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.openkyc.customer.KycSubject;
import org.openkyc.program.KycPolicy;

/** Applicants for the check tables: a complete, unremarkable one, changed one field at a time. */
final class Applicants {

    static final LocalDate SUBMITTED = LocalDate.of(2026, 6, 15);

    String firstName = "Jane";
    String lastName = "Doe";
    LocalDate dob = LocalDate.of(1990, 4, 12);
    String ssn = "123-45-6780";
    String ip = "";
    LocalDate submittedOn = SUBMITTED;
    int minAge = 18;
    boolean requireIp;
    List<String> requiredFields = KycPolicy.defaults().required_fields();
    List<String> allowedCountries = List.of("US");
    List<KycSubject.PostalAddress> addresses = new ArrayList<>(List.of(physical("100 Congress Ave", null, "US")));

    static Applicants applicant() {
        return new Applicants();
    }

    static KycSubject.PostalAddress physical(String street, String street2, String country) {
        return address("PHYSICAL", street, street2, country);
    }

    static KycSubject.PostalAddress address(String type, String street, String street2, String country) {
        boolean us = "US".equals(country);
        return new KycSubject.PostalAddress(type, street, street2, us ? "Austin" : "Toronto", us ? "TX" : "ON", us ? "78701" : "M5V 2T6", country, true);
    }

    Applicants names(String first, String last) {
        firstName = first;
        lastName = last;
        return this;
    }

    Applicants dob(LocalDate value) {
        dob = value;
        return this;
    }

    Applicants ssn(String value) {
        ssn = value;
        return this;
    }

    Applicants ip(String value) {
        ip = value;
        return this;
    }

    Applicants submittedOn(LocalDate value) {
        submittedOn = value;
        return this;
    }

    Applicants minAge(int value) {
        minAge = value;
        return this;
    }

    Applicants requireIp(boolean value) {
        requireIp = value;
        return this;
    }

    Applicants requiredFields(List<String> value) {
        requiredFields = value;
        return this;
    }

    Applicants allowedCountries(List<String> value) {
        allowedCountries = value;
        return this;
    }

    Applicants addresses(List<KycSubject.PostalAddress> value) {
        addresses = new ArrayList<>(value);
        return this;
    }

    Applicant build() {
        KycPolicy d = KycPolicy.defaults();
        KycPolicy policy = new KycPolicy(requiredFields, requireIp, minAge, d.max_kyc_attempts(), d.document_deadline_days(), d.watchlists(),
                d.watchlist_review_threshold(), allowedCountries);
        KycSubject person = new KycSubject(UUID.randomUUID(), UUID.randomUUID(), firstName, null, lastName, dob, ssn, "555-555-5555", "1",
                "jane@example.com", "submitted", null, 3, List.copyOf(addresses));
        return new Applicant(person, ip, policy, submittedOn);
    }

    /** A table's expected reason code as a list: none for null. */
    static List<String> expected(String code) {
        return code == null ? List.of() : List.of(code);
    }

    /** The reason codes a check found, in its order. */
    static List<String> codes(List<CheckResult> results) {
        return results.stream().map(r -> r.reason().code()).toList();
    }
}
