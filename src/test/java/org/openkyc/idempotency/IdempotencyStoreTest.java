package org.openkyc.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** Telling a taken idempotency key from another table's duplicate, in the messages of both databases. */
class IdempotencyStoreTest {

    private static DuplicateKeyException duplicate(String message) {
        return new DuplicateKeyException("insert failed", new SQLException(message, "23505"));
    }

    @Test
    void theKeyTableIsRecognisedByConstraintOrIndexNotByValues() {
        assertThat(IdempotencyStore.isKeyTaken(duplicate("""
                ERROR: duplicate key value violates unique constraint "idempotency_key_pkey"
                  Detail: Key (brand_id, method, path, idem_key)=(0c4c…, POST, /api/v0.1/customers, k-1) already exists.""")))
                .isTrue();
        assertThat(IdempotencyStore.isKeyTaken(duplicate("Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_E ON PUBLIC.IDEMPOTENCY_KEY"
                + "(BRAND_ID, METHOD, PATH, IDEM_KEY) VALUES ( /* key:1 */ ...)\"; SQL statement:\nINSERT INTO idempotency_key ..."))).isTrue();

        // another table's constraint, with the key table's name among the values
        assertThat(IdempotencyStore.isKeyTaken(duplicate("""
                ERROR: duplicate key value violates unique constraint "customer_person_id_unique"
                  Detail: Key (brand_id, brand_person_id)=(0c4c…, constraint "idempotency_key_pkey") already exists.""")))
                .isFalse();
        assertThat(IdempotencyStore.isKeyTaken(duplicate("Unique index or primary key violation: \"PUBLIC.CUSTOMER_PERSON_ID_UNIQUE_INDEX_5 ON "
                + "PUBLIC.CUSTOMER(BRAND_ID, BRAND_PERSON_ID) VALUES ( /* 3 */ ' ON PUBLIC.IDEMPOTENCY_KEY(')\"; SQL statement:\nINSERT INTO customer ..."))).isFalse();
    }
}
