package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkyc.verification.Applicants.address;
import static org.openkyc.verification.Applicants.applicant;
import static org.openkyc.verification.Applicants.codes;
import static org.openkyc.verification.Applicants.expected;
import static org.openkyc.verification.Applicants.physical;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkyc.customer.KycSubject;

/** SPEC §8.1 address check: no PO box as the residential address; the country allowed by the program. */
class AddressCheckTest {

    private final IdentityChecks.Address check = new IdentityChecks.Address();

    private List<String> codesFor(List<String> allowedCountries, KycSubject.PostalAddress... addresses) {
        return codes(check.run(applicant().allowedCountries(allowedCountries).addresses(List.of(addresses)).build()));
    }

    @ParameterizedTest(name = "''{0}'' / ''{1}'' -> {2}")
    @CsvSource(nullValues = "none", value = {
            "100 Congress Ave, none, none",
            "PO Box 123, none, po_box_physical",
            "P.O. Box 123, none, po_box_physical",
            "p.o. box 9, none, po_box_physical",
            "P O Box 5, none, po_box_physical",
            "P. O. Box 12, none, po_box_physical",
            "POBox 7, none, po_box_physical",
            "PO. Box 8, none, po_box_physical",
            "Post Office Box 3, none, po_box_physical",
            "post  office  box 3, none, po_box_physical",
            "Postal Box 4, none, po_box_physical",
            "100 Main St, PO Box 9, po_box_physical",
            "100 Main St, Apt 4, none",
            // words that only contain the letters
            "12 Boxwood Ln, none, none",
            "1 Depot Box Rd, none, none",
            "100 Box Elder St, none, none",
            "3 Po Boxer Ct, none, none",
    })
    void aPoBoxIsNoResidence(String street, String street2, String expected) {
        assertThat(codesFor(List.of("US"), physical(street, street2, "US"))).isEqualTo(expected(expected));
    }

    static Stream<Arguments> countries() {
        return Stream.of(
                Arguments.of(List.of("US"), List.of(physical("1 Main St", null, "US")), List.of()),
                Arguments.of(List.of("US"), List.of(physical("1 King St W", null, "CA")), List.of("country_not_allowed")),
                Arguments.of(List.of("US", "CA"), List.of(physical("1 King St W", null, "CA")), List.of()),
                // only where the applicant lives counts: a mailing address abroad, or a PO box for mail, is fine
                Arguments.of(List.of("US"), List.of(physical("1 Main St", null, "US"), address("MAILING", "1 King St W", null, "CA")), List.of()),
                Arguments.of(List.of("US"), List.of(physical("1 Main St", null, "US"), address("MAILING", "PO Box 1", null, "US")), List.of()),
                Arguments.of(List.of("US"), List.of(physical("PO Box 1", null, "CA")), List.of("country_not_allowed", "po_box_physical")),
                Arguments.of(List.of("CA"), List.of(physical("1 Main St", null, "US"), physical("2 Oak St", null, "US")),
                        List.of("country_not_allowed", "country_not_allowed")));
    }

    @ParameterizedTest(name = "allowed {0}: {1} -> {2}")
    @MethodSource("countries")
    void theCountryMustBeAllowed(List<String> allowed, List<KycSubject.PostalAddress> addresses, List<String> expected) {
        assertThat(codesFor(allowed, addresses.toArray(KycSubject.PostalAddress[]::new))).isEqualTo(expected);
    }
}
