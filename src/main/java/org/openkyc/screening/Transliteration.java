package org.openkyc.screening;

import java.util.concurrent.ConcurrentLinkedQueue;

import com.ibm.icu.text.Transliterator;

/**
 * Any script to plain ASCII Latin, accents removed ({@code Any-Latin; Latin-ASCII}), Cyrillic first by
 * the BGN/PCGN romanization (Mikhaylovich, not ISO 9's Mihajlovič), the one US lists follow. ICU's
 * transliterators are slow to build and not thread-safe: each serves one thread at a time, taken
 * from a pool, and pure-ASCII text (the lists, most queries) never reaches them.
 */
final class Transliteration {

    private static final String ID = "Russian-Latin/BGN; Any-Latin; Latin-ASCII";
    /** Taken and given back, not per thread: virtual threads would each build one. */
    private static final ConcurrentLinkedQueue<Transliterator> POOL = new ConcurrentLinkedQueue<>();

    private Transliteration() {
    }

    static String toAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return transliterate(text);
            }
        }
        return text;
    }

    private static String transliterate(String text) {
        Transliterator transliterator = POOL.poll();
        if (transliterator == null) {
            transliterator = Transliterator.getInstance(ID);
        }
        try {
            return transliterator.transliterate(text);
        } finally {
            POOL.offer(transliterator);
        }
    }
}
