package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The backlog gauges cost at most one {@code COUNT(*)} each per time-to-live, however often the
 * metrics are scraped: statements are counted where they reach the database (a counting wrapper
 * around the application's data source), time is the test's clock.
 */
@Import({MutableClock.Config.class, BacklogGaugesTest.CountingDataSource.class})
class BacklogGaugesTest extends ApiTestBase {

    private static final String DELIVERIES = "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'pending'";
    private static final String EVENTS = "SELECT COUNT(*) FROM outbox_pending";
    private static final Pattern BACKLOG = Pattern.compile("(?m)^openkyc_webhooks_backlog(?:\\{[^}]*})? (\\S+)$");

    @Autowired
    MutableClock clock;

    @Autowired
    Map<String, AtomicInteger> statements;

    private int ran(String sql) {
        return statements.getOrDefault(sql, new AtomicInteger()).get();
    }

    private String scrape() {
        var response = anonymous().get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void scrapesWithinATimeToLiveShareOneCount() {
        scrape();
        clock.advance(BacklogGauges.TTL); // whatever was read at start-up is stale now
        int deliveries = ran(DELIVERIES);
        int events = ran(EVENTS);

        String last = null;
        for (int i = 0; i < 25; i++) {
            last = scrape();
        }
        assertThat(ran(DELIVERIES) - deliveries).as("25 scrapes in one TTL").isEqualTo(1);
        assertThat(ran(EVENTS) - events).isEqualTo(1);
        Matcher backlog = BACKLOG.matcher(last);
        assertThat(backlog.find()).as(last).isTrue();
        assertThat(Double.parseDouble(backlog.group(1))).as("a count, not NaN").isEqualTo(0.0);

        clock.advance(BacklogGauges.TTL.minusMillis(1));
        for (int i = 0; i < 10; i++) {
            scrape();
        }
        assertThat(ran(DELIVERIES) - deliveries).as("still within the TTL").isEqualTo(1);

        clock.advance(java.time.Duration.ofMillis(1));
        for (int i = 0; i < 10; i++) {
            scrape();
        }
        assertThat(ran(DELIVERIES) - deliveries).as("one more once the TTL is over").isEqualTo(2);
        assertThat(ran(EVENTS) - events).isEqualTo(2);
    }

    /** Wraps the application's data source so that every statement's SQL is counted as it is prepared or executed. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingDataSource {

        private static final List<String> EXECUTE = List.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

        @Bean
        Map<String, AtomicInteger> statements() {
            return new ConcurrentHashMap<>();
        }

        @Bean
        static BeanPostProcessor countStatements(org.springframework.beans.factory.ObjectProvider<Map<String, AtomicInteger>> counts) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource dataSource)) {
                        return bean;
                    }
                    return proxy(DataSource.class, dataSource, (method, args) -> method.getName().equals("getConnection")
                            ? connection((Connection) method.invoke(dataSource, args), counts.getObject())
                            : method.invoke(dataSource, args));
                }
            };
        }

        private static Connection connection(Connection connection, Map<String, AtomicInteger> counts) {
            return proxy(Connection.class, connection, (method, args) -> {
                if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                    counts.computeIfAbsent(sql, s -> new AtomicInteger()).incrementAndGet();
                    return method.invoke(connection, args);
                }
                Object result = method.invoke(connection, args);
                return method.getName().equals("createStatement") ? statement((Statement) result, counts) : result;
            });
        }

        private static Statement statement(Statement statement, Map<String, AtomicInteger> counts) {
            return proxy(Statement.class, statement, (method, args) -> {
                if (EXECUTE.contains(method.getName()) && args != null && args.length > 0 && args[0] instanceof String sql) {
                    counts.computeIfAbsent(sql, s -> new AtomicInteger()).incrementAndGet();
                }
                return method.invoke(statement, args);
            });
        }

        interface Call {
            Object invoke(java.lang.reflect.Method method, Object[] args) throws Throwable;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, T target, Call call) {
            InvocationHandler handler = (p, method, args) -> {
                try {
                    return call.invoke(method, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }
}
