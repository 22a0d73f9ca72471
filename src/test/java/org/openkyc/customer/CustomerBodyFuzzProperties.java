package org.openkyc.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Property-based fuzzing of the customer create and patch bodies against the running server: valid
 * bodies with fields replaced by values of any type, removed, or joined by unknown ones. Every
 * answer is a 2xx or a 4xx in the envelope, never a 5xx, and a refused request stores nothing.
 */
@Tag("db")
public class CustomerBodyFuzzProperties {

    private static final List<String> FIELDS = List.of("first_name", "middle_name", "last_name", "dob", "ssn", "phone",
            "phone_country_code", "email", "brand_person_id", "addresses");
    private static final List<String> ADDRESS_FIELDS = List.of("address_type", "street", "street2", "city", "state", "zip_code",
            "country", "is_primary");

    private static ConfigurableApplicationContext app;
    private static Http api;
    private static JdbcClient jdbc;
    private static String customerId;

    @BeforeContainer
    static void start() {
        app = InProcessServer.start(TestDatabase.fresh(), "--openkyc.admin-token=" + ApiTestBase.ADMIN_TOKEN,
                "--logging.level.org.openkyc.access=WARN");
        jdbc = app.getBean(JdbcClient.class);
        api = InProcessServer.newBrand(InProcessServer.port(app)).api();
        Http.Response created = api.post("/api/v0.1/customers", ApiTestBase.customerBody());
        customerId = created.json().get("customer_id").stringValue();
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 400)
    void createAnswers4xxOr201AndRefusalsStoreNothing(@ForAll("createBodies") Map<String, Object> body) {
        long before = customers();
        long eventsBefore = events();
        Http.Response response = api.post("/api/v0.1/customers", body);
        assertThat(response.status()).as(response.toString()).isIn(201, 400, 409);
        Statistics.collect(response.status());
        Statistics.coverage(coverage -> {
            coverage.check(201).count(n -> n > 0);
            coverage.check(400).count(n -> n > 0);
        });
        if (response.status() == 201) {
            assertThat(customers()).isEqualTo(before + 1);
            return;
        }
        assertEnvelope(response, "create_customer_schema", "person_id_dup");
        assertThat(customers()).isEqualTo(before);
        assertThat(events()).isEqualTo(eventsBefore);
    }

    @Property(tries = 400)
    void patchAnswers4xxOr200AndRefusalsChangeNothing(@ForAll("patchBodies") Map<String, Object> body) {
        String path = "/api/v0.1/customers/" + customerId;
        JsonNode before = api.get(path).json();
        long eventsBefore = events();
        Http.Response response = api.patch(path, body);
        assertThat(response.status()).as(response.toString()).isIn(200, 400, 409);
        Statistics.collect(response.status());
        Statistics.coverage(coverage -> {
            coverage.check(200).count(n -> n > 0);
            coverage.check(400).count(n -> n > 0);
        });
        if (response.status() != 200) {
            assertEnvelope(response, "edit_customer_schema", "person_id_dup");
            assertThat(api.get(path).json()).isEqualTo(before);
            assertThat(events()).isEqualTo(eventsBefore);
        }
    }

    @Property(tries = 200)
    void arbitraryTextIsNeverA5xx(@ForAll("rawBodies") String raw) {
        long before = customers();
        Http.Response response = api.send("POST", "/api/v0.1/customers", raw, "application/json");
        assertThat(response.status()).as(response.toString()).isIn(201, 400, 409);
        if (response.status() != 201) {
            assertThat(customers()).isEqualTo(before);
            assertThat(response.json().get("Type").stringValue()).isEqualTo("Request Error");
        }
    }

    private static void assertEnvelope(Http.Response response, String... codes) {
        JsonNode body = response.json();
        assertThat(body.get("Status").intValue()).isEqualTo(response.status());
        assertThat(body.get("Code").stringValue()).isIn((Object[]) codes);
        assertThat(body.get("Type").stringValue()).isEqualTo("Request Error");
        assertThat(body.has("Message")).isTrue();
    }

    private static long customers() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }

    private static long events() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single();
    }

    @Provide
    Arbitrary<Map<String, Object>> createBodies() {
        return mutated(ApiTestBase.customerBody(), FIELDS, addressLists());
    }

    @Provide
    Arbitrary<Map<String, Object>> patchBodies() {
        Arbitrary<Map<String, Object>> overrides = Arbitraries.maps(Arbitraries.of(FIELDS), values()).ofMaxSize(4);
        Arbitrary<Map<String, Object>> unknown = Arbitraries.maps(Arbitraries.strings().alpha().ofLength(6), values()).ofMaxSize(1);
        return Combinators.combine(overrides, unknown, Arbitraries.integers().between(0, 9)).as((o, u, dice) -> {
            Map<String, Object> body = new HashMap<>(o);
            if (dice == 0) {
                body.putAll(u);
            }
            return body;
        });
    }

    @Provide
    Arbitrary<String> rawBodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsn \\u").ofMaxLength(80),
                Arbitraries.of("{\"first_name\": \"\\ud800\"}", "{\"dob\": 19900101}", "{\"a\":" .repeat(600), "\"just a string\"", "12", "null",
                        "{\"first_name\":\"Jane\",\"first_name\":3}", "\u0000", "{\"addresses\": [null]}", "{\"addresses\": [[]]}"));
    }

    private static Arbitrary<Map<String, Object>> mutated(Map<String, Object> valid, List<String> fields, Arbitrary<Object> special) {
        Arbitrary<Map<String, Object>> overrides = Arbitraries.maps(Arbitraries.of(fields), Arbitraries.oneOf(values(), special)).ofMaxSize(3);
        Arbitrary<Set<String>> removed = Arbitraries.subsetOf(fields).ofMaxSize(2);
        Arbitrary<Map<String, Object>> unknown = Arbitraries.maps(Arbitraries.strings().alpha().ofLength(5), values()).ofMaxSize(1);
        Arbitrary<Integer> dice = Arbitraries.integers().between(0, 9);
        return Combinators.combine(overrides, removed, unknown, dice).as((o, r, u, d) -> {
            Map<String, Object> body = new LinkedHashMap<>(valid);
            if (d < 3) {
                r.forEach(body::remove);
            }
            body.putAll(o);
            if (d == 9) {
                body.putAll(u);
            }
            return body;
        });
    }

    private static Arbitrary<Object> addressLists() {
        Map<String, Object> valid = ApiTestBase.address(true);
        Arbitrary<Map<String, Object>> address = mutated(valid, ADDRESS_FIELDS, values());
        return Arbitraries.oneOf(
                address.list().ofMaxSize(3).map(list -> (Object) list),
                Arbitraries.of(List.of(valid, valid), List.of(ApiTestBase.address(false)), List.of()).map(o -> (Object) o));
    }

    /** JSON values of every type, with a bias towards the shapes that almost pass the rules. */
    public static Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60).map(s -> (Object) s),
                Arbitraries.strings().withChars("0123456789-").ofMaxLength(14).map(s -> (Object) s),
                Arbitraries.strings().alpha().withChars(" '-’é").ofMinLength(1).ofMaxLength(55).map(s -> (Object) s),
                Arbitraries.of("1990-01-01", "2999-01-01", "0000-00-00", "1990-02-29", "1992-02-29", "1800-01-01", "US", "FR", "TX",
                        "PHYSICAL", "MAILING", "a@b.co", "@", "", " ", "123-45-6789", "78701", "78701-1234", "1", "9999",
                        "0000-12-31", "+1990-01-01", "1990-1-1").map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) null),
                Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), Arbitraries.strings().ofMaxLength(4)).ofMaxSize(2).map(m -> (Object) m));
    }
}
