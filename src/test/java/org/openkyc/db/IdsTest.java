package org.openkyc.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7WithTheRfcVariantAndTheirMillisecond() {
        long millis = 1_790_000_000_123L;
        UUID id = Ids.timeOrdered(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsPostgresqlComparesThem() {
        UUID earlier = Ids.timeOrdered(1_790_000_000_000L);
        UUID later = Ids.timeOrdered(1_790_000_000_001L);
        // PostgreSQL orders uuid values by their bytes, unsigned: the same as their text form.
        assertThat(later.toString()).isGreaterThan(earlier.toString());
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<UUID> ids = new HashSet<>();
        Set<Long> randomTails = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = Ids.timeOrdered(1_790_000_000_000L);
            ids.add(id);
            randomTails.add(id.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL);
        }
        assertThat(ids).hasSize(10_000);
        assertThat(randomTails).hasSize(10_000);
    }
}
