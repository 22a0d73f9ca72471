package org.openkyc.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.IdArray;
import org.openkyc.db.WriteBehind;
import org.openkyc.privacy.BlindIndex;
import org.openkyc.privacy.PersonalDataCipher;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for customers and their addresses. SSN and DOB are encrypted here, on the way in, and the
 * DOB decrypted on the way out; the associated data binds each value to its customer and column.
 */
@Repository
class CustomerRepository {

    private final JdbcClient jdbc;
    private final WriteBehind writes;
    private final PersonalDataCipher cipher;
    private final BlindIndex blindIndex;

    private final org.springframework.jdbc.core.JdbcTemplate template;

    CustomerRepository(JdbcClient jdbc, WriteBehind writes, PersonalDataCipher cipher, BlindIndex blindIndex,
                       org.springframework.jdbc.core.JdbcTemplate template) {
        this.template = template;
        this.jdbc = jdbc;
        this.writes = writes;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
    }

    void insert(Customer c, String ssn) {
        jdbc.sql("""
                INSERT INTO customer (customer_id, brand_id, first_name, middle_name, last_name, dob_enc, phone, phone_country_code,
                    email, brand_person_id, kyc_status, kyc_passed_at, kyc_requests_available, date_created, date_updated)
                VALUES (:id, :brand, :first, :middle, :last, :dob, :phone, :pcc, :email, :bpid, NULL, NULL, :available, :created, :updated)""")
                .param("id", c.customerId()).param("brand", c.brandId())
                .param("first", c.firstName()).param("middle", c.middleName()).param("last", c.lastName())
                .param("dob", encryptDob(c.customerId(), c.dob()))
                .param("phone", c.phone()).param("pcc", c.phoneCountryCode()).param("email", c.email())
                .param("bpid", c.brandPersonId()).param("available", c.kycRequestsAvailable())
                .param("created", DbTime.toDb(c.dateCreated())).param("updated", DbTime.toDb(c.dateUpdated()))
                .update();
        if (ssn != null) {
            updateSsn(c.customerId(), ssn);
        }
        c.addresses().forEach(a -> insertAddress(c.customerId(), a));
    }

    void updatePerson(Customer c) {
        jdbc.sql("""
                UPDATE customer SET first_name = :first, middle_name = :middle, last_name = :last, dob_enc = :dob, phone = :phone,
                    phone_country_code = :pcc, email = :email, brand_person_id = :bpid, date_updated = :updated
                WHERE customer_id = :id AND brand_id = :brand""")
                .param("id", c.customerId()).param("brand", c.brandId())
                .param("first", c.firstName()).param("middle", c.middleName()).param("last", c.lastName())
                .param("dob", encryptDob(c.customerId(), c.dob()))
                .param("phone", c.phone()).param("pcc", c.phoneCountryCode()).param("email", c.email())
                .param("bpid", c.brandPersonId()).param("updated", DbTime.toDb(c.dateUpdated()))
                .update();
    }

    /** Sets or (with null) clears the SSN: ciphertext, last four for the mask, and blind index. */
    void updateSsn(UUID customerId, String ssn) {
        String digits = ssn == null ? null : ssn.replace("-", "");
        jdbc.sql("UPDATE customer SET ssn_enc = ?, ssn_last4 = ?, ssn_bidx = ? WHERE customer_id = ?")
                .params(digits == null ? null : cipher.encrypt(ssnPurpose(customerId), digits),
                        digits == null ? null : digits.substring(5), blindIndex.ssn(digits), customerId)
                .update();
    }

    /** The full SSN, for the checks that need it; never for a response. */
    String ssn(Customer customer) {
        return customer.ssnSealed() == null ? null : cipher.decrypt(ssnPurpose(customer.customerId()), customer.ssnSealed());
    }

    /**
     * The KYC start path in one statement: status {@code submitted}, one attempt used, contact data,
     * and (when {@code ssn} is not null) a new SSN.
     */
    void startKyc(Customer c, String ssn) {
        String digits = ssn == null ? null : ssn.replace("-", "");
        // Held back to the commit ({@link WriteBehind}): the caller works on the object, not a re-read.
        // KYC starts committed together go as one statement (WriteBehind.updateRow).
        writes.updateRow("""
                UPDATE customer SET kyc_status = 'submitted', kyc_requests_available = kyc_requests_available - 1,
                    phone = ?, phone_country_code = ?, email = ?, date_updated = ?,
                    ssn_enc = COALESCE(?, ssn_enc), ssn_last4 = COALESCE(?, ssn_last4), ssn_bidx = COALESCE(?, ssn_bidx)
                WHERE customer_id = ?""", """
                UPDATE customer AS c SET kyc_status = 'submitted', kyc_requests_available = c.kyc_requests_available - 1,
                    phone = v.phone, phone_country_code = v.phone_country_code, email = v.email, date_updated = v.date_updated,
                    ssn_enc = COALESCE(v.ssn_enc, c.ssn_enc), ssn_last4 = COALESCE(v.ssn_last4, c.ssn_last4),
                    ssn_bidx = COALESCE(v.ssn_bidx, c.ssn_bidx)
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::uuid[])
                    AS v(phone, phone_country_code, email, date_updated, ssn_enc, ssn_last4, ssn_bidx, customer_id)
                WHERE c.customer_id = v.customer_id""",
                c.phone(), c.phoneCountryCode(), c.email(), DbTime.toDb(c.dateUpdated()),
                new SqlParameterValue(java.sql.Types.VARCHAR, digits == null ? null : cipher.encrypt(ssnPurpose(c.customerId()), digits)),
                new SqlParameterValue(java.sql.Types.VARCHAR, digits == null ? null : digits.substring(5)),
                new SqlParameterValue(java.sql.Types.VARCHAR, blindIndex.ssn(digits)),
                c.customerId());
    }

    Optional<Customer> find(UUID brandId, UUID customerId, boolean forUpdate) {
        String sql = forUpdate ? LOCK : "SELECT * FROM customer WHERE brand_id = ? AND customer_id = ? AND deleted_at IS NULL";
        return jdbc.sql(sql).params(brandId, customerId).query(this::mapPerson).optional()
                .map(c -> withAddresses(c, addressesOf(List.of(c.customerId())).getOrDefault(c.customerId(), List.of())));
    }

    private static final String LOCK = "SELECT * FROM customer WHERE brand_id = ? AND customer_id = ? AND deleted_at IS NULL FOR UPDATE";
    private static final String ADDRESSES = "SELECT * FROM customer_address WHERE customer_id = ? ORDER BY date_created, address_id";

    /**
     * The customer row locked for update, with its addresses; on PostgreSQL both queries go in one
     * round trip (a KYC start needs the addresses for its {@code customer.updated} event).
     */
    Optional<Customer> lockWithAddresses(UUID brandId, UUID customerId) {
        if (!writes.compositeStatements()) {
            return find(brandId, customerId, true);
        }
        return template.execute((org.springframework.jdbc.core.ConnectionCallback<Optional<Customer>>) connection -> {
            try (java.sql.PreparedStatement statement = connection.prepareStatement(LOCK + ";\n" + ADDRESSES)) {
                statement.setObject(1, brandId);
                statement.setObject(2, customerId);
                statement.setObject(3, customerId);
                return peopleWithAddresses(statement).stream().findFirst();
            }
        });
    }

    /** Runs a statement of two queries, customers then their addresses, and puts the addresses with their customers. */
    private List<Customer> peopleWithAddresses(java.sql.PreparedStatement statement) throws java.sql.SQLException {
        statement.execute();
        List<Customer> people = new ArrayList<>();
        try (ResultSet rs = statement.getResultSet()) {
            while (rs.next()) {
                people.add(mapPerson(rs, 0));
            }
        }
        Map<UUID, List<Address>> addresses = new HashMap<>();
        if (statement.getMoreResults()) {
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    addresses.computeIfAbsent(rs.getObject("customer_id", UUID.class), k -> new ArrayList<>()).add(mapAddress(rs));
                }
            }
        }
        return withTheirAddresses(people, addresses);
    }

    private static List<Customer> withTheirAddresses(List<Customer> people, Map<UUID, List<Address>> addresses) {
        return people.stream().map(c -> withAddresses(c, addresses.getOrDefault(c.customerId(), List.of()))).toList();
    }

    /** Several customers by id (any brand: callers check), with their addresses, in two round trips. */
    List<Customer> findAll(java.util.Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        List<Customer> people = jdbc.sql("SELECT * FROM customer WHERE customer_id = ANY(?) AND deleted_at IS NULL")
                .param(IdArray.of(customerIds)).query(this::mapPerson).list();
        if (people.isEmpty()) {
            return people;
        }
        return withTheirAddresses(people, addressesOf(people.stream().map(Customer::customerId).toList()));
    }

    /**
     * Several customers (any brand: callers check) locked for update in id order, with their
     * addresses; on PostgreSQL both queries go in one round trip. Deleted ones are left out.
     */
    List<Customer> lockAllWithAddresses(java.util.Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        if (!writes.compositeStatements()) {
            lockAll(customerIds);
            return findAll(customerIds);
        }
        return template.execute((org.springframework.jdbc.core.ConnectionCallback<List<Customer>>) connection -> {
            try (java.sql.PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM customer WHERE customer_id = ANY(?) AND deleted_at IS NULL ORDER BY customer_id FOR UPDATE;\n"
                            + "SELECT * FROM customer_address WHERE customer_id = ANY(?) ORDER BY date_created, address_id")) {
                java.sql.Array ids = connection.createArrayOf("uuid", IdArray.of(customerIds));
                statement.setArray(1, ids);
                statement.setArray(2, ids);
                return peopleWithAddresses(statement);
            }
        });
    }

    /** Locks the rows of these customers in id order (the order every batch locks in, so batches cannot deadlock). */
    void lockAll(java.util.Collection<UUID> customerIds) {
        if (!customerIds.isEmpty()) {
            jdbc.sql("SELECT customer_id FROM customer WHERE customer_id = ANY(?) ORDER BY customer_id FOR UPDATE")
                    .param(IdArray.of(customerIds)).query(UUID.class).list();
        }
    }

    /** Newest first; ties broken by id so pages never overlap or skip. */
    List<Customer> list(UUID brandId, int limit, int offset) {
        List<Customer> people = jdbc.sql("""
                SELECT * FROM customer WHERE brand_id = ? AND deleted_at IS NULL
                ORDER BY date_created DESC, customer_id DESC LIMIT ? OFFSET ?""")
                .params(brandId, limit, offset).query(this::mapPerson).list();
        if (people.isEmpty()) {
            return people;
        }
        return withTheirAddresses(people, addressesOf(people.stream().map(Customer::customerId).toList()));
    }

    /** Erases the personal data and keeps the audit stub (SPEC §4). */
    void erase(UUID customerId, Instant now) {
        jdbc.sql("DELETE FROM customer_address WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("""
                UPDATE customer SET first_name = NULL, middle_name = NULL, last_name = NULL, dob_enc = NULL, ssn_enc = NULL,
                    ssn_last4 = NULL, ssn_bidx = NULL, phone = NULL, phone_country_code = NULL, email = NULL, brand_person_id = NULL,
                    deleted_at = ?, date_updated = ?
                WHERE customer_id = ?""")
                .params(DbTime.toDb(now), DbTime.toDb(now), customerId).update();
    }

    void insertAddress(UUID customerId, Address a) {
        jdbc.sql("""
                INSERT INTO customer_address (address_id, customer_id, address_type, street, street2, city, state, zip_code, country,
                    is_primary, deliverability, date_created, date_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.addressId(), customerId, a.addressType(), a.street(), a.street2(), a.city(), a.state(), a.zipCode(),
                        a.country(), a.primary(), a.deliverability(), DbTime.toDb(a.dateCreated()), DbTime.toDb(a.dateUpdated()))
                .update();
    }

    void updateAddress(UUID customerId, Address a) {
        jdbc.sql("""
                UPDATE customer_address SET address_type = ?, street = ?, street2 = ?, city = ?, state = ?, zip_code = ?, country = ?,
                    is_primary = ?, deliverability = ?, date_updated = ?
                WHERE address_id = ? AND customer_id = ?""")
                .params(a.addressType(), a.street(), a.street2(), a.city(), a.state(), a.zipCode(), a.country(), a.primary(),
                        a.deliverability(), DbTime.toDb(a.dateUpdated()), a.addressId(), customerId)
                .update();
    }

    void deleteAddress(UUID customerId, UUID addressId) {
        jdbc.sql("DELETE FROM customer_address WHERE address_id = ? AND customer_id = ?").params(addressId, customerId).update();
    }

    /** Held back to the commit ({@link WriteBehind}), with the transition's other writes; an evaluator batch's go as one statement. */
    void updateKycState(UUID customerId, String kycStatus, Instant passedAt, int attemptsDelta, Instant now) {
        writes.updateRow("""
                UPDATE customer SET kyc_status = ?, kyc_passed_at = COALESCE(CAST(? AS TIMESTAMP WITH TIME ZONE), kyc_passed_at),
                    kyc_requests_available = kyc_requests_available + ?, date_updated = ?
                WHERE customer_id = ?""", """
                UPDATE customer AS c SET kyc_status = v.kyc_status, kyc_passed_at = COALESCE(v.passed_at, c.kyc_passed_at),
                    kyc_requests_available = c.kyc_requests_available + v.delta, date_updated = v.date_updated
                FROM unnest(?::varchar[], ?::timestamptz[], ?::int[], ?::timestamptz[], ?::uuid[]) AS v(kyc_status, passed_at, delta, date_updated, customer_id)
                WHERE c.customer_id = v.customer_id""",
                kycStatus, DbTime.toDb(passedAt), attemptsDelta,
                DbTime.toDb(now), customerId);
    }

    void touch(UUID customerId, Instant now) {
        jdbc.sql("UPDATE customer SET date_updated = ? WHERE customer_id = ?").params(DbTime.toDb(now), customerId).update();
    }

    /** A customer holding an SSN, as the duplicate-identity check compares them: the SSN's blind index, name and DOB. */
    record SsnHolderRow(String ssnIndex, UUID customerId, String firstName, String lastName, LocalDate dob) {
        @Override
        public String toString() {
            return "SsnHolderRow[" + customerId + "]";
        }
    }

    /** The blind index of an SSN, as stored in {@code ssn_bidx}. */
    String ssnIndex(String ssn) {
        return blindIndex.ssn(ssn.replace("-", ""));
    }

    /**
     * The brand's customers whose SSN has one of these blind indexes, the oldest {@code perIndex}
     * of each, oldest first: one statement for a whole evaluation round (= ANY of one array
     * parameter: one statement text for every round size, see IdArray). Only the DOB is decrypted.
     */
    List<SsnHolderRow> holdersOfSsns(UUID brandId, java.util.Collection<String> ssnIndexes, int perIndex) {
        return jdbc.sql("""
                SELECT ssn_bidx, customer_id, first_name, last_name, dob_enc FROM (
                  SELECT ssn_bidx, customer_id, first_name, last_name, dob_enc,
                         ROW_NUMBER() OVER (PARTITION BY ssn_bidx ORDER BY date_created, customer_id) AS n
                  FROM customer WHERE brand_id = ? AND ssn_bidx = ANY(?) AND deleted_at IS NULL) h
                WHERE n <= ? ORDER BY ssn_bidx, n""")
                .params(brandId, ssnIndexes.toArray(String[]::new), perIndex)
                .query((rs, row) -> {
                    UUID id = rs.getObject("customer_id", UUID.class);
                    String dob = rs.getString("dob_enc");
                    return new SsnHolderRow(rs.getString("ssn_bidx"), id, rs.getString("first_name"), rs.getString("last_name"),
                            dob == null ? null : LocalDate.parse(cipher.decrypt(dobPurpose(id), dob)));
                }).list();
    }

    /**
     * The next customers after {@code after} (in id order) whose KYC passed, is in review, or is
     * still open (submitted, or waiting for documents: it may pass on documents alone, or has been
     * screened against lists that a lagging instance still served), for ongoing monitoring; their
     * DOBs are decrypted only when asked.
     */
    List<MonitoredCustomer> monitoredAfter(UUID after, int limit) {
        return jdbc.sql("SELECT customer_id, brand_id, first_name, middle_name, last_name, dob_enc FROM customer"
                        + " WHERE customer_id > ? AND kyc_status IN ('passed', 'under_review', 'document_required', 'submitted') AND deleted_at IS NULL"
                        + " ORDER BY customer_id LIMIT ?")
                .params(after, limit)
                .query((rs, n) -> {
                    UUID id = rs.getObject("customer_id", UUID.class);
                    String dob = rs.getString("dob_enc");
                    return new MonitoredCustomer(id, rs.getObject("brand_id", UUID.class), rs.getString("first_name"),
                            rs.getString("middle_name"), rs.getString("last_name"),
                            () -> dob == null ? null : LocalDate.parse(cipher.decrypt(dobPurpose(id), dob)));
                }).list();
    }

    /** A row whose blind index is still to be checked against its SSN (V10). */
    record UnverifiedSsn(UUID customerId, String ssnSealed) {
    }

    /**
     * The next rows after {@code after} whose blind index is unverified, locked. Waits for rows that
     * others hold rather than skipping them, so that one walk over the table misses none.
     */
    List<UnverifiedSsn> lockUnverifiedSsnIndexes(UUID after, int limit) {
        return jdbc.sql("SELECT customer_id, ssn_enc FROM customer WHERE customer_id > ? AND ssn_bidx_verified = FALSE"
                        + " ORDER BY customer_id LIMIT ? FOR UPDATE")
                .params(after, limit)
                .query((rs, n) -> new UnverifiedSsn(rs.getObject("customer_id", UUID.class), rs.getString("ssn_enc"))).list();
    }

    /** Recomputes a row's blind index from its encrypted SSN and marks it verified; false if the SSN cannot be decrypted. */
    boolean repairSsnIndex(UnverifiedSsn row) {
        String index;
        try {
            index = row.ssnSealed() == null ? null : blindIndex.ssn(cipher.decrypt(ssnPurpose(row.customerId()), row.ssnSealed()));
        } catch (RuntimeException undecryptable) {
            return false;
        }
        jdbc.sql("UPDATE customer SET ssn_bidx = ?, ssn_bidx_verified = TRUE WHERE customer_id = ?").params(index, row.customerId()).update();
        return true;
    }

    boolean maintenanceDone(String job) {
        return jdbc.sql("SELECT COUNT(*) FROM maintenance_done WHERE job = ?").param(job).query(Long.class).single() > 0;
    }

    /** Records a job as done; a second instance finishing the same job at once changes nothing. */
    void markMaintenanceDone(String job, Instant now) {
        jdbc.sql("INSERT INTO maintenance_done (job, done_at) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM maintenance_done WHERE job = ?)")
                .params(job, DbTime.toDb(now), job).update();
    }

    private Map<UUID, List<Address>> addressesOf(List<UUID> customerIds) {
        Map<UUID, List<Address>> byCustomer = new HashMap<>();
        jdbc.sql("SELECT * FROM customer_address WHERE customer_id = ANY(?) ORDER BY date_created, address_id")
                .param(IdArray.of(customerIds))
                .query((rs, n) -> {
                    byCustomer.computeIfAbsent(rs.getObject("customer_id", UUID.class), k -> new ArrayList<>()).add(mapAddress(rs));
                    return null;
                }).list();
        return byCustomer;
    }

    private Customer mapPerson(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("customer_id", UUID.class);
        String dob = rs.getString("dob_enc");
        return new Customer(id, rs.getObject("brand_id", UUID.class), rs.getString("first_name"), rs.getString("middle_name"),
                rs.getString("last_name"), dob == null ? null : LocalDate.parse(cipher.decrypt(dobPurpose(id), dob)),
                rs.getString("ssn_last4"), rs.getString("phone"), rs.getString("phone_country_code"), rs.getString("email"),
                rs.getString("brand_person_id"), rs.getString("kyc_status"), instant(rs, "kyc_passed_at"),
                rs.getInt("kyc_requests_available"), instant(rs, "date_created"), instant(rs, "date_updated"), List.of(),
                rs.getString("ssn_enc"));
    }

    private static Address mapAddress(ResultSet rs) throws SQLException {
        return new Address(rs.getObject("address_id", UUID.class), rs.getString("address_type"), rs.getString("street"),
                rs.getString("street2"), rs.getString("city"), rs.getString("state"), rs.getString("zip_code"),
                rs.getString("country"), rs.getBoolean("is_primary"), rs.getString("deliverability"),
                instant(rs, "date_created"), instant(rs, "date_updated"));
    }

    private static Customer withAddresses(Customer c, List<Address> addresses) {
        return new Customer(c.customerId(), c.brandId(), c.firstName(), c.middleName(), c.lastName(), c.dob(), c.ssnLast4(),
                c.phone(), c.phoneCountryCode(), c.email(), c.brandPersonId(), c.kycStatus(), c.kycPassedAt(),
                c.kycRequestsAvailable(), c.dateCreated(), c.dateUpdated(), List.copyOf(addresses), c.ssnSealed());
    }

    private String encryptDob(UUID customerId, LocalDate dob) {
        return dob == null ? null : cipher.encrypt(dobPurpose(customerId), dob.toString());
    }

    private static String ssnPurpose(UUID customerId) {
        return "customer.ssn:" + customerId;
    }

    private static String dobPurpose(UUID customerId) {
        return "customer.dob:" + customerId;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return DbTime.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
