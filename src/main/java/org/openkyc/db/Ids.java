package org.openkyc.db;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New row ids: UUID version 7 (RFC 9562), the creation time in milliseconds followed by 74 random
 * bits. Rows made together get ids that sort together, so a new id lands at the right edge of its
 * primary key's index, in pages that are in memory and already written since the last checkpoint,
 * rather than on a random page of a large index (a page read, and on PostgreSQL a full copy of the
 * page in the WAL when it is the first change to that page since the checkpoint). The random part
 * comes from the same kind of generator as {@link UUID#randomUUID()}, so ids stay unguessable;
 * the time they show is the creation time every resource reports anyway.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        return timeOrdered(System.currentTimeMillis());
    }

    static UUID timeOrdered(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 // 48 bits of time
                | 0x7000L // version 7
                | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL); // 12 random bits
        long low = 0x8000_0000_0000_0000L; // the RFC variant (0b10), then 62 random bits
        for (int i = 2; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
