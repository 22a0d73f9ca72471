package org.openkyc.customer;

import java.util.List;

import org.openkyc.api.BodyField;
import org.openkyc.api.BodySchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;

/** The customer bodies' OpenAPI schemas, built from the same {@link CustomerSchema} fields that validation reads. */
@Configuration(proxyBeanMethods = false)
class CustomerBodySchemas {

    static final String CREATE = "CreateCustomer";
    static final String EDIT = "EditCustomer";
    static final String ADDRESS = "AddressRequest";

    @Bean
    BodySchema createCustomerSchema() {
        Schema<?> schema = BodyField.object(null, CustomerSchema.PERSON, true);
        schema.addProperty("addresses", new ArraySchema().items(new Schema<>().$ref(BodySchema.REF_PREFIX + ADDRESS)).minItems(1)
                .description("Exactly one is_primary"));
        schema.addRequiredItem("addresses");
        return new BodySchema(CREATE, schema);
    }

    @Bean
    BodySchema editCustomerSchema() {
        return new BodySchema(EDIT, BodyField.object("Any subset of the create fields except addresses; null clears optional fields.",
                CustomerSchema.PERSON, false));
    }

    @Bean
    BodySchema addressSchema() {
        return new BodySchema(ADDRESS, BodyField.object("On PATCH every field is optional.", CustomerSchema.ADDRESS, true));
    }

}
