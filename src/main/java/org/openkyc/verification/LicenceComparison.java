package org.openkyc.verification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openkyc.customer.KycSubject;

/**
 * SPEC §8.3: a decoded licence against the customer. Family name and given name must agree after
 * normalization (a middle name missing on either side is fine), the DOB exactly, and the licence
 * must not have expired by the day of submission; a licence state other than the customer's
 * residential state is a note for the reviewer, not a mismatch (people move before they renew).
 */
record LicenceComparison(List<String> mismatches, List<String> notes, Map<String, Object> evidence) {

    boolean matches() {
        return mismatches.isEmpty();
    }

    static LicenceComparison of(AamvaLicence licence, KycSubject person, LocalDate submittedOn) {
        List<String> mismatches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!sameName(licence.familyName(), person.lastName())) {
            mismatches.add("family_name");
        }
        if (!sameName(licence.givenName(), person.firstName())) {
            mismatches.add("given_name");
        }
        if (licence.dob() == null || !licence.dob().equals(person.dob())) {
            mismatches.add("dob");
        }
        if (licence.expires() == null || licence.expires().isBefore(submittedOn)) {
            mismatches.add("expired");
        }
        String residence = person.addresses().stream().filter(a -> "PHYSICAL".equals(a.addressType()))
                .map(KycSubject.PostalAddress::state).findFirst().orElse(null);
        if (licence.state() != null && residence != null && !licence.state().equalsIgnoreCase(residence)) {
            notes.add("licence_state_differs");
        }
        // What the reviewer sees beside the customer's data: never the document number (it stays in the encrypted upload).
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("aamva_version", licence.version());
        evidence.put("document_type", licence.documentType());
        evidence.put("licence_state", licence.state());
        evidence.put("expires", licence.expires() == null ? null : licence.expires().toString());
        evidence.put("mismatches", List.copyOf(mismatches));
        evidence.put("notes", List.copyOf(notes));
        return new LicenceComparison(List.copyOf(mismatches), List.copyOf(notes), evidence);
    }

    static boolean sameName(String onLicence, String onRecord) {
        return onLicence != null && onRecord != null
                && DuplicateIdentityCheck.comparable(onLicence).equals(DuplicateIdentityCheck.comparable(onRecord));
    }
}
