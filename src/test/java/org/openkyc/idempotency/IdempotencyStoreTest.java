package org.openkyc.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DuplicateKeyException;

/**
 * Telling a taken idempotency key from another table's duplicate, from the errors both databases
 * give: by the constraint, whatever language the message is in and whatever the key's values say.
 */
class IdempotencyStoreTest {

    /** An error as PostgreSQL sends it (fields: S severity, C code, M message, D detail, t table, n constraint). */
    private static DuplicateKeyException postgres(String message, String detail, String table, String constraint) {
        ServerErrorMessage error = new ServerErrorMessage("SERROR\0VERROR\0C23505\0M" + message + "\0D" + detail
                + "\0sopenkyc\0t" + table + "\0n" + constraint + "\0Fnbtinsert.c\0L664\0R_bt_check_unique\0");
        return new DuplicateKeyException("insert failed", new PSQLException(error));
    }

    private static DuplicateKeyException h2(String message) {
        return new DuplicateKeyException("insert failed", new SQLException(message, "23505", 23505));
    }

    @Test
    void theKeyTableIsRecognisedOnAPostgresqlThatSpeaksGerman() {
        // lc_messages = de_DE.UTF-8: the message is translated, the fields are not.
        assertThat(IdempotencyStore.isKeyTaken(postgres("doppelter Schlüsselwert verletzt Unique-Constraint »idempotency_key_pkey«",
                "Schlüssel »(brand_id, method, path, idem_key)=(0c4c…, POST, /api/v0.1/customers, k-1)« existiert bereits.",
                "idempotency_key", "idempotency_key_pkey"))).isTrue();
        assertThat(IdempotencyStore.isKeyTaken(postgres("doppelter Schlüsselwert verletzt Unique-Constraint »customer_person_id_unique«",
                "Schlüssel »(brand_id, brand_person_id)=(0c4c…, idempotency_key_pkey)« existiert bereits.",
                "customer", "customer_person_id_unique"))).isFalse();
    }

    @Test
    void theKeyTableIsRecognisedByConstraintNotByValues() {
        assertThat(IdempotencyStore.isKeyTaken(postgres("duplicate key value violates unique constraint \"idempotency_key_pkey\"",
                "Key (brand_id, method, path, idem_key)=(0c4c…, POST, /api/v0.1/customers, k-1) already exists.",
                "idempotency_key", "idempotency_key_pkey"))).isTrue();
        // another table's constraint, with the key table's constraint among the values
        assertThat(IdempotencyStore.isKeyTaken(postgres("duplicate key value violates unique constraint \"customer_person_id_unique\"",
                "Key (brand_id, brand_person_id)=(0c4c…, constraint \"idempotency_key_pkey\") already exists.",
                "customer", "customer_person_id_unique"))).isFalse();
    }

    @Test
    void theKeyTableIsRecognisedByH2sConstraintDescription() {
        // H2 2.4 as it answers (its message prefix is translated with the JVM's locale; the quoted description is not)
        assertThat(IdempotencyStore.isKeyTaken(h2("Eindeutiger Index oder Primärschlüssel verletzt: \"public.CONSTRAINT_1 INDEX public.PRIMARY_KEY_1"
                + " ON public.idempotency_key(brand_id, method, path, idem_key) VALUES ( /* key:1 */ UUID '0c4c…', 'POST', '/x', 'k')\"; SQL statement:\n"
                + "INSERT INTO idempotency_key …"))).isTrue();
        assertThat(IdempotencyStore.isKeyTaken(h2("Unique index or primary key violation: \"public.CONSTRAINT_E PRIMARY KEY ON public.idempotency_key"
                + "(brand_id, method, path, idem_key) ( /* key:1 */ …)\""))).isTrue();
        // another table's constraint whose values quote the key table's description
        assertThat(IdempotencyStore.isKeyTaken(h2("Unique index or primary key violation: \"public.customer_person_id_unique INDEX"
                + " public.customer_person_id_unique_INDEX_5 ON public.customer(brand_id, brand_person_id NULLS FIRST)"
                + " VALUES ( /* 3 */ 'x INDEX public.PRIMARY_KEY_1 ON public.idempotency_key(' )\"; SQL statement:\nINSERT INTO customer …"))).isFalse();
    }
}
