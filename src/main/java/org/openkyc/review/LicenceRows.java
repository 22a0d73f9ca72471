package org.openkyc.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.openkyc.customer.CustomerProfile;
import org.openkyc.customer.KycSubject;
import org.openkyc.kyc.AttemptRecords;

/**
 * The decoded licence beside the customer, one row per field: what the barcode says, what the
 * customer record says, and whether the document check found them to differ. The marks are the
 * check's own ({@code mismatches}, {@code notes}): it compares names after normalization, so the
 * page does not judge again; fields the check does not compare carry no mark.
 */
final class LicenceRows {

    private LicenceRows() {
    }

    static List<Map<String, Object>> of(CaseDetail.Licence licence, CustomerProfile customer) {
        AttemptRecords.DecodedLicence d = licence.decoded();
        KycSubject.PostalAddress home = customer == null ? null : customer.addresses().stream()
                .filter(a -> "PHYSICAL".equals(a.addressType())).findFirst().orElse(null);
        List<String> mismatches = licence.mismatches();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("given_name", "Given name", d.givenName(), customer == null ? null : customer.firstName(), mismatches.contains("given_name")));
        rows.add(row("middle_name", "Middle name", d.middleName(), customer == null ? null : customer.middleName(), false));
        rows.add(row("family_name", "Family name", d.familyName(), customer == null ? null : customer.lastName(), mismatches.contains("family_name")));
        rows.add(row("dob", "Date of birth", d.dob(), customer == null ? null : customer.dob(), mismatches.contains("dob")));
        rows.add(row("expires", "Expires", d.expires(), null, mismatches.contains("expired")));
        rows.add(row("issued", "Issued", d.issued(), null, false));
        rows.add(row("street", "Street", d.street(), home == null ? null : home.street(), false));
        rows.add(row("city", "City", d.city(), home == null ? null : home.city(), false));
        rows.add(row("state", "State", d.state(), home == null ? null : home.state(), licence.notes().contains("licence_state_differs")));
        rows.add(row("zip", "ZIP code", d.zip(), home == null ? null : home.zipCode(), false));
        rows.add(row("country", "Country", d.country(), home == null ? null : home.country(), false));
        rows.add(row("sex", "Sex", d.sex(), null, false));
        return rows;
    }

    private static Map<String, Object> row(String field, String label, Object onLicence, Object onRecord, boolean mismatch) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", field);
        out.put("label", label);
        out.put("licence", onLicence == null ? null : Objects.toString(onLicence).trim());
        out.put("customer", onRecord == null ? null : Objects.toString(onRecord));
        out.put("mismatch", mismatch);
        return out;
    }
}
