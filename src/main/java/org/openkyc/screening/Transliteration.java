package org.openkyc.screening;

import com.ibm.icu.text.Transliterator;

/**
 * Any script to plain ASCII Latin, accents removed ({@code Any-Latin; Latin-ASCII}), Cyrillic first by
 * the BGN/PCGN romanization (Mikhaylovich, not ISO 9's Mihajlovič), the one US lists follow. ICU's
 * transliterators are slow to build and not thread-safe: one per thread, and pure-ASCII text (the
 * lists, most queries) never reaches them.
 */
final class Transliteration {

    private static final ThreadLocal<Transliterator> TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII"));

    private Transliteration() {
    }

    static String toAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return TO_ASCII.get().transliterate(text);
            }
        }
        return text;
    }
}
