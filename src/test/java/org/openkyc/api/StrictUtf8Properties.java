package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link StrictUtf8InputStream} accepts exactly what the JDK's strict UTF-8 decoder (REPORT on
 * malformed input) accepts, NUL aside, whatever the chunks it is read in.
 */
class StrictUtf8Properties {

    @Property(tries = 3000)
    void acceptsExactlyWhatTheStrictDecoderAccepts(@ForAll("utf8ish") byte[] bytes, @ForAll("chunk") int chunk) {
        assertThat(passes(bytes, chunk)).as(java.util.HexFormat.ofDelimiter(" ").formatHex(bytes))
                .isEqualTo(strictlyValid(bytes) && !containsNul(bytes));
    }

    @Example
    void theSequencesOfTheIssue() {
        for (int[] bad : new int[][] {{0xC0, 0xA2}, {0xE0, 0x80, 0xA2}, {0x80}, {0xE2, 0x82}, {0xED, 0xA0, 0x80},
                {0xF4, 0x90, 0x80, 0x80}, {0xFF}, {0x00}}) {
            byte[] bytes = new byte[bad.length];
            for (int i = 0; i < bad.length; i++) {
                bytes[i] = (byte) bad[i];
            }
            assertThat(passes(bytes, 1)).as(java.util.Arrays.toString(bad)).isFalse();
            assertThat(passes(bytes, 8192)).isFalse();
        }
        assertThat(passes("{\"name\": \"Prêt 💳 日本 \uFFFD \uD7FF \uE000 \uDBFF\uDFFF\"}".getBytes(StandardCharsets.UTF_8), 3)).isTrue();
    }

    /** Random bytes drawn mostly from the bytes that make UTF-8 interesting: leads, continuations, their edges. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<Byte> interesting = Arbitraries.of(0x00, 0x22, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF).map(Integer::byteValue);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, interesting), net.jqwik.api.Tuple.of(1, any))
                .array(byte[].class).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> chunk() {
        return Arbitraries.of(1, 2, 3, 8192);
    }

    private static boolean passes(byte[] bytes, int chunk) {
        try (InputStream in = new StrictUtf8InputStream(new ByteArrayInputStream(bytes))) {
            byte[] buffer = new byte[chunk];
            while (in.read(buffer, 0, chunk) >= 0) {
                // read through
            }
            return true;
        } catch (StrictUtf8InputStream.MalformedBodyException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean strictlyValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
