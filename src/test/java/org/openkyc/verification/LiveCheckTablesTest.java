package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkyc.customer.KycSubject;
import org.openkyc.program.KycPolicy;

/** Table-driven tests of the checks issue 16 adds or extends (SPEC §8.1: phone, e-mail, ZIP to state, PO boxes, famous SSNs), without Spring. */
class LiveCheckTablesTest {

    private static final DisposableDomains SHIPPED = new DisposableDomains("", false);

    private static Applicant applicant(String phone, String countryCode, String email, KycSubject.PostalAddress... addresses) {
        KycSubject person = new KycSubject(UUID.randomUUID(), UUID.randomUUID(), "Jane", null, "Doe", LocalDate.of(1990, 4, 12),
                "123-45-6780", phone, countryCode, email, "unverified", null, 3, List.of(addresses));
        return new Applicant(person, null, KycPolicy.defaults(), LocalDate.of(2026, 12, 1));
    }

    private static KycSubject.PostalAddress us(String state, String zip) {
        return new KycSubject.PostalAddress("PHYSICAL", "100 Main St", null, "Somewhere", state, zip, "US", true);
    }

    private static String codes(List<CheckResult> results) {
        return results.isEmpty() ? "clear" : String.join("+", results.stream().map(r -> r.reason().code()).toList());
    }

    @ParameterizedTest(name = "{0} (+{1}) -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            512-555-7890      | 1    | clear
            (512) 867-5309    | 1    | clear
            +1 512 867 5309   | 1    | clear
            5128675309        | null | clear
            555-555-5555      | 1    | phone_invalid
            123-456-7890      | 1    | phone_invalid
            512-555-0100      | 1    | phone_invalid
            212-555-0199      | 1    | phone_invalid
            212-555-0200      | 1    | clear
            512-867-530       | 1    | phone_invalid
            not a number      | 1    | phone_invalid
            +44 20 7946 0958  | 1    | phone_invalid
            020 7946 0958     | 44   | clear
            07911 123456      | 44   | clear
            512-867-5309      | 999  | phone_invalid
            512-867-5309      | x1   | phone_invalid
            800-555-1234      | 1    | phone_not_personal
            888-867-5309      | 1    | phone_not_personal
            900-867-5309      | 1    | phone_not_personal
            0900 123 4567     | 44   | phone_not_personal
            0845 464 0000     | 44   | phone_not_personal
            """)
    void phone(String phone, String countryCode, String expected) {
        assertThat(codes(new PhoneCheck().run(applicant(phone, countryCode, null)))).isEqualTo(expected);
    }

    @Test
    void aMissingPhoneIsTheCompletenessChecksBusinessNotThePhoneChecks() {
        assertThat(new PhoneCheck().run(applicant(null, "1", null))).isEmpty();
        assertThat(new PhoneCheck().run(applicant(" ", "1", null))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            jane@example.com                  | clear
            jane.doe+kyc@mail.example.co.uk   | clear
            o'brien@example.ie                | clear
            JANE@EXAMPLE.COM                  | clear
            jane@xn--bcher-kva.example        | clear
            jane@example                      | email_invalid
            jane@localhost                    | email_invalid
            jane@[127.0.0.1]                  | email_invalid
            jane@127.0.0.1                    | email_invalid
            jane@example.c                    | email_invalid
            jane@example.123                  | email_invalid
            jane@-example.com                 | email_invalid
            jane@example-.com                 | email_invalid
            jane@exa_mple.com                 | email_invalid
            jane@example..com                 | email_invalid
            jane@example.com.                 | email_invalid
            .jane@example.com                 | email_invalid
            jane.@example.com                 | email_invalid
            ja..ne@example.com                | email_invalid
            "jane doe"@example.com            | email_invalid
            jane doe@example.com              | email_invalid
            @example.com                      | email_invalid
            jane@                             | email_invalid
            janeexample.com                   | email_invalid
            jane@mailinator.com               | email_disposable
            Jane@MAILINATOR.com               | email_disposable
            jane@x.y.mailinator.com           | email_disposable
            jane@0-mail.com                   | email_disposable
            jane@amailinator.com              | clear
            jane@gmail.com                    | clear
            jane@mailinator.com.example.org   | clear
            """)
    void email(String email, String expected) {
        assertThat(codes(new EmailCheck(SHIPPED).run(applicant(null, null, email)))).isEqualTo(expected);
    }

    @Test
    void theLocalPartIsLimitedTo64Characters() {
        assertThat(codes(new EmailCheck(SHIPPED).run(applicant(null, null, "a".repeat(64) + "@example.com")))).isEqualTo("clear");
        assertThat(codes(new EmailCheck(SHIPPED).run(applicant(null, null, "a".repeat(65) + "@example.com")))).isEqualTo("email_invalid");
    }

    @Test
    void theShippedDisposableListIsTheWholeCc0List() {
        assertThat(SHIPPED.size()).isEqualTo(8335);
    }

    @Test
    void aConfiguredFileAddsToOrReplacesTheShippedList(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mine.conf"), "# our own\nthrowaway.example\n\n");
        DisposableDomains added = new DisposableDomains(file.toString(), false);
        assertThat(added.listedParentOf("mx.throwaway.example")).contains("throwaway.example");
        assertThat(added.listedParentOf("mailinator.com")).contains("mailinator.com");
        DisposableDomains replaced = new DisposableDomains(file.toString(), true);
        assertThat(replaced.listedParentOf("mailinator.com")).isEmpty();
        assertThat(replaced.size()).isEqualTo(1);
        assertThatThrownBy(() -> new DisposableDomains(dir.resolve("missing.conf").toString(), false))
                .hasMessageContaining("cannot be read");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            TX | 78701      | clear
            TX | 78701-1234 | clear
            CA | 78701      | zip_state_mismatch
            NY | 00501      | clear
            PR | 00601      | clear
            VI | 00802      | clear
            MA | 01001      | clear
            MA | 05501      | clear
            VT | 05501      | zip_state_mismatch
            VT | 05601      | clear
            NJ | 07030      | clear
            AE | 09012      | clear
            DC | 20001      | clear
            VA | 20101      | clear
            DC | 56901      | clear
            MD | 20601      | clear
            FL | 33101      | clear
            AA | 34002      | clear
            FL | 34002      | zip_state_mismatch
            GA | 39901      | clear
            TX | 73301      | clear
            OK | 73301      | zip_state_mismatch
            OK | 73401      | clear
            TX | 88510      | clear
            NM | 88510      | zip_state_mismatch
            CA | 90210      | clear
            AP | 96201      | clear
            HI | 96701      | clear
            AS | 96799      | clear
            HI | 96799      | clear
            GU | 96910      | clear
            MP | 96950      | clear
            PW | 96940      | clear
            AK | 99501      | clear
            WA | 99501      | zip_state_mismatch
            NY | 00001      | clear
            """)
    void zipToState(String state, String zip, String expected) {
        assertThat(codes(new ZipStateCheck().run(applicant(null, null, null, us(state, zip))))).isEqualTo(expected);
    }

    @Test
    void everyAddressIsCheckedAndOnlyUsOnes() {
        KycSubject.PostalAddress mailing = new KycSubject.PostalAddress("MAILING", "1 Elm", null, "Miami", "FL", "78701", "US", false);
        KycSubject.PostalAddress abroad = new KycSubject.PostalAddress("PHYSICAL", "1 Rue", null, "Paris", "75", "75001", "FR", true);
        assertThat(codes(new ZipStateCheck().run(applicant(null, null, null, us("TX", "78701"), mailing, abroad))))
                .isEqualTo("zip_state_mismatch");
    }

    @Test
    void theNewReasonsHaveAnExplicitEffect() {
        for (String code : List.of("phone_invalid", "phone_not_personal", "email_invalid", "email_disposable", "zip_state_mismatch")) {
            assertThat(ReasonCatalogue.find(code)).as(code).hasValueSatisfying(e -> assertThat(e.effect()).isEqualTo(ReasonCatalogue.Effect.REENTER));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PO Box 123            | po_box_physical
            P.O.Box 123           | po_box_physical
            POB 77                | po_box_physical
            P.O.B. 77             | po_box_physical
            Box 12                | po_box_physical
            Box #12               | po_box_physical
            1 Main St Box 5       | po_box_physical
            Caller 1234           | po_box_physical
            Caller Service 1234   | po_box_physical
            Lockbox 45            | po_box_physical
            Lock Box 45           | po_box_physical
            Drawer 9              | po_box_physical
            100 Main St PMB 301   | po_box_physical
            100 Main St PMB #301  | po_box_physical
            12 Boxwood Ln         | clear
            100 Box Elder St      | clear
            3 Po Boxer Ct         | clear
            7 Pobrook Way         | clear
            20 Caller Ave         | clear
            5 Drawers Ct          | clear
            """)
    void everyUsualSpellingOfABoxIsNoResidence(String street, String expected) {
        KycSubject.PostalAddress address = new KycSubject.PostalAddress("PHYSICAL", street, null, "Austin", "TX", "78701", "US", true);
        assertThat(codes(new IdentityChecks.Address().run(applicant(null, null, null, address)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            078-05-1120 | ssn_invalid
            219-09-9999 | ssn_invalid
            457-55-5462 | ssn_invalid
            987-65-4320 | ssn_invalid
            987-65-4329 | ssn_invalid
            987-65-4330 | ssn_is_itin
            """)
    void famousInvalidNumbersAreInvalidWhateverTheirArea(String ssn, String expected) {
        KycSubject person = new KycSubject(UUID.randomUUID(), UUID.randomUUID(), "Jane", null, "Doe", LocalDate.of(1990, 4, 12), ssn,
                null, null, null, "unverified", null, 3, List.of());
        assertThat(codes(new IdentityChecks.Ssn().run(new Applicant(person, null, KycPolicy.defaults(), LocalDate.of(2026, 12, 1))))).isEqualTo(expected);
    }
}
