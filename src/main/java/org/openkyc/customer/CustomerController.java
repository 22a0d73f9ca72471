package org.openkyc.customer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.PathIds;
import org.openkyc.api.QueryValues;
import org.openkyc.api.SchemaErrors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v0.1/customers")
@Tag(name = "Customers")
class CustomerController {

    private static final List<Integer> PAGE_SIZES = List.of(1, 2, 5, 10, 20, 50);

    private final Customers customers;

    CustomerController(Customers customers) {
        this.customers = customers;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a customer", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/CreateCustomer"))))
    CustomerView create(Caller caller, @RequestBody JsonNode body) {
        return CustomerView.of(customers.create(caller.brandId(), body));
    }

    @GetMapping
    @Operation(summary = "List customers, newest first (a bare array)")
    List<CustomerView> list(Caller caller,
                            @RequestParam(name = "page", required = false) @Schema(type = "integer", minimum = "1", maximum = "1000000", defaultValue = "1") String page,
                            @RequestParam(name = "per_page", required = false)
                            @Schema(type = "integer", allowableValues = {"1", "2", "5", "10", "20", "50"}, defaultValue = "20") String perPage) {
        SchemaErrors errors = new SchemaErrors();
        Integer pageNumber = QueryValues.integer(page, 1, "page", errors);
        if (pageNumber != null && (pageNumber < 1 || pageNumber > 1_000_000)) {
            errors.add("page", "Must be greater than or equal to 1.");
        }
        Integer size = QueryValues.integer(perPage, 20, "per_page", errors);
        if (size != null && !PAGE_SIZES.contains(size)) {
            errors.add("per_page", "Must be one of: 1, 2, 5, 10, 20, 50.");
        }
        errors.throwIfAny("list_customers_schema");
        return customers.list(caller.brandId(), pageNumber, size).stream().map(CustomerView::of).toList();
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "Get a customer")
    CustomerView get(Caller caller, @PathVariable String customerId) {
        return CustomerView.of(customers.get(caller.brandId(), id(customerId)));
    }

    @PatchMapping("/{customerId}")
    @Operation(summary = "Change a customer (partial)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/EditCustomer"))))
    CustomerView edit(Caller caller, @PathVariable String customerId, @RequestBody JsonNode body) {
        return CustomerView.of(customers.edit(caller.brandId(), id(customerId), body));
    }

    @DeleteMapping("/{customerId}")
    @Operation(summary = "Delete a customer: erases personal data, keeps an audit stub")
    Map<String, String> delete(Caller caller, @PathVariable String customerId) {
        Customer deleted = customers.delete(caller.brandId(), id(customerId));
        return Map.of("customer_id", deleted.customerId().toString(), "Message", "Customer resource deleted");
    }

    @PostMapping("/{customerId}/addresses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an address", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/AddressRequest"))))
    CustomerView.AddressView addAddress(Caller caller, @PathVariable String customerId, @RequestBody JsonNode body) {
        return CustomerView.AddressView.of(customers.addAddress(caller.brandId(), id(customerId), body));
    }

    @PatchMapping("/{customerId}/addresses/{addressId}")
    @Operation(summary = "Change an address (partial)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(ref = "#/components/schemas/AddressRequest"))))
    CustomerView.AddressView editAddress(Caller caller, @PathVariable String customerId, @PathVariable String addressId,
                                         @RequestBody JsonNode body) {
        return CustomerView.AddressView.of(customers.editAddress(caller.brandId(), id(customerId), addressId(addressId), body));
    }

    @DeleteMapping("/{customerId}/addresses/{addressId}")
    @Operation(summary = "Delete a non-primary address")
    Map<String, String> deleteAddress(Caller caller, @PathVariable String customerId, @PathVariable String addressId) {
        UUID address = addressId(addressId);
        customers.deleteAddress(caller.brandId(), id(customerId), address);
        return Map.of("address_id", address.toString(), "Message", "Address resource deleted");
    }

    private static UUID id(String raw) {
        return PathIds.parse(raw, () -> Customers.notFound(raw));
    }

    private static UUID addressId(String raw) {
        return PathIds.parse(raw, () -> ApiException.notFound("address_dne", "Address " + raw + " does not exist."));
    }
}
