package org.openkyc.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static String expected(String digits) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(("ssn:" + digits).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isTheHmacOfTheDigits() throws Exception {
        BlindIndex index = new BlindIndex(KEY);
        assertThat(index.ssn("123-45-6789")).isEqualTo(expected("123456789")).isEqualTo(index.ssn("123 45 6789"));
        assertThat(index.ssn("123-45-6780")).isNotEqualTo(index.ssn("123-45-6789"));
        assertThat(index.ssn(null)).isNull();
    }

    /** One index shared by every request thread: a shared Mac gave wrong values and exceptions under load. */
    @Test
    void manyThreadsAtOnceGetTheRightValues() throws Exception {
        BlindIndex index = new BlindIndex(KEY);
        List<String> ssns = new ArrayList<>();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String digits = String.format("%09d", 100_000_000 + i * 7919);
            ssns.add(digits);
            want.add(expected(digits));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 2_000; round++) {
                        int i = round % ssns.size();
                        if (!want.get(i).equals(index.ssn(ssns.get(i)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        }
    }
}
