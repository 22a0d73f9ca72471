package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Searches on many (virtual) threads at once give what the same searches give one at a time. */
class ScreeningConcurrencyTest {

    private static final ScreeningIndex INDEX = TestLists.shipped();
    private static final List<String> NAMES = List.of("Hasan Nasrallah", "Александр Михайлович Радков", "محمد", "Usama bin Laden",
            "Maria Garcia", "Tropic Tours GmbH", "Ismael Haniyah", "Abdulrahman Yasin", "Hásan Nasralláh", "John Smith");

    @Test
    void concurrentSearchesAgreeWithSequentialOnes() throws Exception {
        List<ScreeningQuery> queries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String name = NAMES.get(i % NAMES.size());
            queries.add(new ScreeningQuery(name, i % 3 == 0 ? LocalDate.of(1960, 8, 31) : null, null, 5, 0.8));
        }
        List<List<String>> expected = queries.stream().map(ScreeningConcurrencyTest::outcome).toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (ScreeningQuery query : queries) {
                futures.add(pool.submit(() -> outcome(query)));
            }
            for (int i = 0; i < queries.size(); i++) {
                assertThat(futures.get(i).get()).as(queries.get(i).name()).isEqualTo(expected.get(i));
            }
        }
        assertThat(expected.getFirst()).isNotEmpty();
    }

    private static List<String> outcome(ScreeningQuery query) {
        return INDEX.search(query).stream().map(m -> m.entry().uid() + " " + m.score() + " " + m.reason()).toList();
    }
}
