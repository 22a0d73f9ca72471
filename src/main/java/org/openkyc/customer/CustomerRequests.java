package org.openkyc.customer;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Request shapes for the OpenAPI document. Bodies are read field by field by
 * {@link CustomerSchema} (for marshmallow-style errors); these records only describe them.
 */
final class CustomerRequests {

    private CustomerRequests() {
    }

    private static final String NAME_PATTERN = "^\\p{L}[\\p{L}\\p{M} '’-]*$";

    @Schema(name = "CreateCustomer")
    record CreateCustomer(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 2, maxLength = 50, pattern = NAME_PATTERN) String first_name,
            @Schema(minLength = 2, maxLength = 50, pattern = NAME_PATTERN, nullable = true) String middle_name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 2, maxLength = 50, pattern = NAME_PATTERN) String last_name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date", description = "A real date in the past") String dob,
            @Schema(pattern = "^(\\d{9}|\\d{3}-\\d{2}-\\d{4})$", example = "123-45-6789") String ssn,
            @Schema(description = "Digits, dashes allowed", example = "555-555-5555") String phone,
            @Schema(pattern = "^\\d{1,3}$", example = "1") String phone_country_code,
            @Schema(format = "email") String email,
            @Schema(maxLength = 100, description = "The brand's own id for the person; unique per brand") String brand_person_id,
            @ArraySchema(minItems = 1, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Exactly one is_primary"))
            List<AddressRequest> addresses) {
    }

    @Schema(name = "EditCustomer", description = "Any subset of the create fields except addresses; null clears optional fields.")
    record EditCustomer(String first_name, String middle_name, String last_name, @Schema(format = "date") String dob, String ssn,
                        String phone, String phone_country_code, String email, String brand_person_id) {
    }

    @Schema(name = "AddressRequest", description = "On PATCH every field is optional.")
    record AddressRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"MAILING", "PHYSICAL"}) String address_type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 40) String street,
            @Schema(maxLength = 40) String street2,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 2, maxLength = 40) String city,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "US: 2-letter state or territory code; elsewhere up to 20 characters") String state,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "US: 12345 or 12345-6789; elsewhere 2-20 characters") String zip_code,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "ISO 3166-1 alpha-2") String country,
            Boolean is_primary) {
    }
}
