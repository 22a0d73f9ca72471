package org.openkyc.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of every error response (SPEC §1.1), in Bond's capitalised shape. */
@JsonPropertyOrder({"Message", "Status", "Code", "Type"})
@Schema(name = "Error", description = "Error envelope. For schema errors Message maps each bad field to a list of messages.")
public record ErrorEnvelope(
        @JsonProperty("Message") @Schema(oneOf = {String.class, Object.class}, example = "Customer 4f5c0d6e-0000-4000-8000-000000000000 does not exist.") Object message,
        @JsonProperty("Status") @Schema(example = "404") int status,
        @JsonProperty("Code") @Schema(example = "customer_dne") String code,
        @JsonProperty("Type") @Schema(allowableValues = {"Request Error", "Server Error", "Process Error"}) String type,
        @Schema(hidden = true) @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extra) {

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }
}
