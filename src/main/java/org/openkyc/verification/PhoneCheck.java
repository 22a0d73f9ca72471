package org.openkyc.verification;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.stereotype.Component;

/**
 * SPEC §8.1 phone: the number must be valid for the customer's country calling code (libphonenumber's
 * metadata), must not be one of the North American numbers reserved for fiction (555-0100 to
 * 555-0199, which libphonenumber accepts as valid), and must be a line a person answers: premium-
 * rate, toll-free, shared-cost, VoIP and pager numbers are a reason of their own. Evidence names the
 * region and the line type, never the number.
 */
@Component
final class PhoneCheck implements Check {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> NOT_PERSONAL = Set.of(PhoneNumberType.PREMIUM_RATE, PhoneNumberType.TOLL_FREE,
            PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP, PhoneNumberType.PAGER);

    /** A country calling code as customers give it: 1 to 3 digits, a leading + or not (compiled once: it runs per attempt). */
    private static final java.util.regex.Pattern COUNTRY_CODE = java.util.regex.Pattern.compile("\\+?([0-9]{1,3})");

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public List<CheckResult> run(Applicant applicant) {
        String phone = applicant.person().phone();
        if (IdentityChecks.blank(phone)) {
            return List.of();
        }
        int countryCode = countryCode(applicant.person().phoneCountryCode());
        String region = PHONES.getRegionCodeForCountryCode(countryCode);
        PhoneNumber number;
        try {
            number = PHONES.parse(phone, region);
        } catch (NumberParseException e) {
            return invalid("The phone number cannot be read as a number.", Map.of("country_code", countryCode));
        }
        if (number.getCountryCode() != countryCode || !PHONES.isValidNumber(number)) {
            return invalid("The phone number is not a valid number for country code +" + countryCode + ".", Map.of("country_code", countryCode));
        }
        if (fictional(number)) {
            return invalid("555-0100 to 555-0199 are reserved for fiction and never assigned.", Map.of("country_code", countryCode));
        }
        PhoneNumberType type = PHONES.getNumberType(number);
        if (NOT_PERSONAL.contains(type)) {
            return List.of(CheckResult.hit(name(), "phone_not_personal", "The phone number is a " + describe(type) + " line, not a personal one.",
                    Map.of("country_code", countryCode, "line_type", type.name().toLowerCase())));
        }
        return List.of();
    }

    /** The customer's country calling code; absent or unreadable means the North American plan. */
    private static int countryCode(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        java.util.regex.Matcher code = COUNTRY_CODE.matcher(value.strip());
        return code.matches() ? Integer.parseInt(code.group(1)) : 0;
    }

    /** NXX-555-01XX: the exchange 555 with lines 0100-0199, set aside by the NANP administrator for fiction. */
    static boolean fictional(PhoneNumber number) {
        if (number.getCountryCode() != 1) {
            return false;
        }
        String national = String.valueOf(number.getNationalNumber());
        return national.length() == 10 && national.startsWith("555", 3) && national.startsWith("01", 6);
    }

    private static String describe(PhoneNumberType type) {
        return type.name().toLowerCase().replace('_', '-');
    }

    private List<CheckResult> invalid(String message, Map<String, Object> evidence) {
        return List.of(CheckResult.hit(name(), "phone_invalid", message, evidence));
    }
}
