package org.openkyc.kyc;

import java.util.ArrayList;
import java.util.List;

import org.openkyc.api.BodyField;
import org.openkyc.api.BodySchema;
import org.openkyc.customer.CustomerRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The KYC start body (SPEC §5.1), defined once for reading and for the OpenAPI document. The
 * customer fields it may carry are the customer's own definitions, except that null is refused:
 * the body only copies them onto the record.
 */
@Configuration(proxyBeanMethods = false)
class KycRequestFields {

    static final String SCHEMA = "KycRequest";
    static final BodyField PROGRAM_ID = BodyField.uuid("program_id").required();
    static final List<BodyField> CUSTOMER_FIELDS = List.of(CustomerRules.SSN.notNullable(), CustomerRules.PHONE.notNullable(),
            CustomerRules.PHONE_COUNTRY_CODE.notNullable(), CustomerRules.EMAIL.notNullable());
    static final BodyField IP = BodyField.string("ip").length(0, 64).describe("The applicant's IP address; may be empty");

    @Bean
    BodySchema kycRequestSchema() {
        List<BodyField> fields = new ArrayList<>();
        fields.add(PROGRAM_ID);
        fields.addAll(CUSTOMER_FIELDS);
        fields.add(IP);
        return new BodySchema(SCHEMA, BodyField.object("Fields not given are taken from the customer record; given ones are saved onto it.",
                fields, true));
    }
}
