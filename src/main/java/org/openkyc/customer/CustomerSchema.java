package org.openkyc.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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

    private static final Rule<String> NAME_RULE_LENGTH = Rule.length(2, 50);
    private static final Rule<String> NAME_RULE_PATTERN = Rule.pattern(NAME);
    static final Rule<String> EMAIL_RULE = value -> value.length() <= 254 && EMAIL.matcher(value).matches() ? null : "Not a valid email address.";

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
                body.string("first_name", true, NAME_RULE_LENGTH, NAME_RULE_PATTERN),
                body.nullableString("middle_name", NAME_RULE_LENGTH, NAME_RULE_PATTERN),
                body.string("last_name", true, NAME_RULE_LENGTH, NAME_RULE_PATTERN),
                body.date("dob", true, Rule.that(d -> d.isBefore(today), "Date of birth must be in the past."),
                        Rule.that(d -> d.getYear() >= 1800, "Not a valid date.")),
                body.nullableString("ssn", Rule.pattern(SSN)),
                body.nullableString("phone", Rule.pattern(PHONE)),
                body.nullableString("phone_country_code", Rule.pattern(PHONE_COUNTRY_CODE)),
                body.nullableString("email", EMAIL_RULE),
                body.nullableString("brand_person_id", Rule.length(1, 100)));
    }

    /**
     * Address fields. State and ZIP rules depend on the country: the one in the body, or on PATCH
     * the stored one ({@code storedCountry}, null on create).
     */
    static AddressFields address(JsonBody body, String storedCountry) {
        Input<String> country = body.string("country", true, Rule.that(COUNTRIES::contains, "Not a valid ISO 3166-1 alpha-2 country code."));
        String effective = country.present() ? country.value() : storedCountry;
        Rule<String> state = stateRule(effective);
        Rule<String> zip = zipRule(effective);
        return new AddressFields(
                body.string("address_type", true, Rule.oneOf(ADDRESS_TYPES)),
                body.string("street", true, Rule.length(1, 40)),
                body.nullableString("street2", Rule.maxLength(40)),
                body.string("city", true, Rule.length(2, 40)),
                body.string("state", true, state),
                body.string("zip_code", true, zip),
                country,
                body.bool("is_primary", false));
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
