package org.openkyc.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.openkyc.api.BodyField;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.Rule;

/**
 * The customer and address body rules of SPEC §4, with marshmallow's wording. Format only: whether
 * an SSN or address could be real is a verification check, not a 400.
 */
final class CustomerSchema {

    static final Pattern NAME = Pattern.compile("^\\p{L}[\\p{L}\\p{M} '’-]*$");
    static final Pattern SSN = Pattern.compile("^(\\d{9}|\\d{3}-\\d{2}-\\d{4})$");
    /** Digits with optional single dashes between groups, 7 to 15 digits in all. */
    static final Pattern PHONE = Pattern.compile("^(?=(?:-?\\d){7,15}$)\\d+(?:-\\d+)*$");
    static final Pattern PHONE_COUNTRY_CODE = Pattern.compile("^\\d{1,3}$");
    static final Pattern EMAIL = Pattern.compile(
            "^(?!\\.)(?!.*\\.\\.)[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\\.)@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");
    static final Pattern US_ZIP = Pattern.compile("^\\d{5}(-\\d{4})?$");
    static final Set<String> US_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID",
            "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
            "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "AS", "GU", "MP", "PR", "VI", "UM", "FM", "MH", "PW", "AA", "AE", "AP");
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final List<String> ADDRESS_TYPES = List.of("MAILING", "PHYSICAL");

    // The fields, once: JsonBody reads them with these rules, the OpenAPI document describes them from them.
    static final BodyField FIRST_NAME = BodyField.string("first_name").required().length(2, 50).pattern(NAME);
    static final BodyField MIDDLE_NAME = BodyField.string("middle_name").nullable().length(2, 50).pattern(NAME);
    static final BodyField LAST_NAME = BodyField.string("last_name").required().length(2, 50).pattern(NAME);
    static final BodyField DOB = BodyField.date("dob").required().describe("A real date in the past, year 1800 or later");
    static final BodyField SSN_FIELD = BodyField.string("ssn").nullable().pattern(SSN).example("123-45-6789");
    static final BodyField PHONE_FIELD = BodyField.string("phone").nullable().pattern(PHONE)
            .describe("7 to 15 digits, single dashes allowed between groups").example("555-555-5555");
    static final BodyField PHONE_COUNTRY_CODE_FIELD = BodyField.string("phone_country_code").nullable().pattern(PHONE_COUNTRY_CODE).example("1");
    static final BodyField EMAIL_FIELD = BodyField.string("email").nullable().format("email").length(0, 254).pattern(EMAIL)
            .message("Not a valid email address.");
    static final BodyField BRAND_PERSON_ID = BodyField.string("brand_person_id").nullable().length(1, 100)
            .describe("The brand's own id for the person; unique per brand");
    static final List<BodyField> PERSON = List.of(FIRST_NAME, MIDDLE_NAME, LAST_NAME, DOB, SSN_FIELD, PHONE_FIELD,
            PHONE_COUNTRY_CODE_FIELD, EMAIL_FIELD, BRAND_PERSON_ID);

    static final BodyField ADDRESS_TYPE = BodyField.string("address_type").required().oneOf(ADDRESS_TYPES);
    static final BodyField STREET = BodyField.string("street").required().length(1, 40);
    static final BodyField STREET2 = BodyField.string("street2").nullable().length(0, 40);
    static final BodyField CITY = BodyField.string("city").required().length(2, 40);
    static final BodyField STATE = BodyField.string("state").required()
            .describe("US: 2-letter state, territory or military code; elsewhere 1 to 20 characters");
    static final BodyField ZIP_CODE = BodyField.string("zip_code").required().describe("US: 12345 or 12345-6789; elsewhere 2 to 20 characters");
    static final BodyField COUNTRY = BodyField.string("country").required().describe("ISO 3166-1 alpha-2");
    static final BodyField IS_PRIMARY = BodyField.bool("is_primary").describe("Exactly one address is primary; a single address is by default");
    static final List<BodyField> ADDRESS = List.of(ADDRESS_TYPE, STREET, STREET2, CITY, STATE, ZIP_CODE, COUNTRY, IS_PRIMARY);

    private CustomerSchema() {
    }

    /** What a create or PATCH body says about the person (addresses apart). */
    record PersonFields(Input<String> firstName, Input<String> middleName, Input<String> lastName, Input<LocalDate> dob,
                        Input<String> ssn, Input<String> phone, Input<String> phoneCountryCode, Input<String> email,
                        Input<String> brandPersonId) {
    }

    record AddressFields(Input<String> addressType, Input<String> street, Input<String> street2, Input<String> city,
                         Input<String> state, Input<String> zipCode, Input<String> country, Input<Boolean> primary) {
    }

    static PersonFields person(JsonBody body, LocalDate today) {
        return new PersonFields(
                FIRST_NAME.readString(body),
                MIDDLE_NAME.readString(body),
                LAST_NAME.readString(body),
                DOB.readDate(body, Rule.that(d -> d.isBefore(today), "Date of birth must be in the past."),
                        Rule.that(d -> d.getYear() >= 1800, "Not a valid date.")),
                SSN_FIELD.readString(body),
                PHONE_FIELD.readString(body),
                PHONE_COUNTRY_CODE_FIELD.readString(body),
                EMAIL_FIELD.readString(body),
                BRAND_PERSON_ID.readString(body));
    }

    /**
     * Address fields. State and ZIP rules depend on the country: the one in the body, or on PATCH
     * the stored one ({@code storedCountry}, null on create).
     */
    static AddressFields address(JsonBody body, String storedCountry) {
        Input<String> country = COUNTRY.readString(body, Rule.that(COUNTRIES::contains, "Not a valid ISO 3166-1 alpha-2 country code."));
        String effective = country.present() ? country.value() : storedCountry;
        Rule<String> state = stateRule(effective);
        Rule<String> zip = zipRule(effective);
        return new AddressFields(
                ADDRESS_TYPE.readString(body),
                STREET.readString(body),
                STREET2.readString(body),
                CITY.readString(body),
                STATE.readString(body, state),
                ZIP_CODE.readString(body, zip),
                country,
                IS_PRIMARY.readBool(body));
    }

    static Rule<String> stateRule(String country) {
        return "US".equals(country) ? Rule.that(US_STATES::contains, "Not a valid US state or territory code.") : Rule.length(1, 20);
    }

    static Rule<String> zipRule(String country) {
        return "US".equals(country) ? Rule.pattern(US_ZIP) : Rule.length(2, 20);
    }

    /** SPEC §4: at least one address, exactly one primary (a single address is primary by default). */
    static List<Boolean> primaryFlags(List<AddressFields> addresses, org.openkyc.api.SchemaErrors errors) {
        if (addresses.isEmpty()) {
            errors.add("addresses", "Shorter than minimum length 1.");
            return List.of();
        }
        List<Boolean> flags = new ArrayList<>();
        if (addresses.size() == 1) {
            flags.add(addresses.getFirst().primary().orElse(true));
        } else {
            addresses.forEach(a -> flags.add(a.primary().orElse(false)));
        }
        if (flags.stream().filter(Boolean::booleanValue).count() != 1) {
            errors.add("addresses", "Exactly one address must have is_primary set to true.");
        }
        return flags;
    }
}
