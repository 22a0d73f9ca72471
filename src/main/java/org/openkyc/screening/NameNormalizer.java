package org.openkyc.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A name as the matcher sees it: ASCII upper-case tokens, "LAST, First" reordered, punctuation,
 * honorifics and name particles dropped, and for entities the legal-form and filler words dropped
 * too; each token also in its canonical spelling ({@link NameVariants}).
 */
final class NameNormalizer {

    private static final Set<String> HONORIFICS = Set.of("MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "SIR", "DAME", "LORD",
            "SHEIKH", "SHAIKH", "SHEIK", "SHAYKH", "HAJJI", "HAJI", "HAJ", "HADJI", "ALHAJI", "MULLAH", "MULLA", "MAULANA",
            "MAWLAWI", "MAULAVI", "IMAM", "AYATOLLAH", "EMIR", "GEN", "GENERAL", "COL", "COLONEL", "CAPT",
            "CAPTAIN", "MAJ", "MAJOR", "LT", "SGT", "ENG", "ENGR", "ING", "LIC", "JR", "SR", "II", "III", "IV", "ESQ",
            "REV", "EXCELLENCY");
    /** Articles and particles that are written or left out at will (AL-SHANTI / SHANTI, BIN LADEN / LADEN). */
    private static final Set<String> PARTICLES = Set.of("AL", "EL", "BIN", "BINT", "IBN", "BEN", "DE", "DEL", "DELA", "DA",
            "DI", "DOS", "DAS", "DO", "VAN", "VON", "DER", "DEN", "LA", "LE", "LOS", "LAS", "Y", "E", "UL", "UD");
    private static final Set<String> LEGAL_FORMS = Set.of("LLC", "LTD", "LIMITED", "CO", "COMPANY", "CORP",
            "CORPORATION", "INC", "INCORPORATED", "JSC", "OJSC", "CJSC", "PJSC", "OAO", "ZAO", "PAO", "AO", "OOO", "TOO",
            "SA", "SAS", "SARL", "SRL", "SPA", "AG", "GMBH", "KG", "BV", "NV", "PLC", "LLP", "LP", "PTE", "PVT", "PTY",
            "FZE", "FZCO", "FZC", "FZ", "FZLLC", "DMCC", "SDN", "BHD", "SL", "SE", "AB", "AS", "OY", "KFT", "SPZOO", "TOV",
            "DOO", "EOOD", "OOD", "CV", "SCS", "CIA", "SAC", "SAPI", "RL", "EIRL", "GROUP", "HOLDING", "HOLDINGS",
            "ENTERPRISE", "ENTERPRISES", "TRADING", "INTERNATIONAL", "INTL", "AND", "THE", "OF", "FOR", "ET", "UND",
            "SIRKETI", "TICARET", "SANAYI", "VE");

    static final NameNormalizer DEFAULT = new NameNormalizer(NameVariants.DEFAULT);

    private final NameVariants variants;

    NameNormalizer(NameVariants variants) {
        this.variants = variants;
    }

    /** A normalized name: {@code tokens} canonical, {@code originals} as written (after folding), same order. */
    record Name(List<String> tokens, List<String> originals) {
        boolean isEmpty() {
            return tokens.isEmpty();
        }
    }

    /**
     * @param entity whether legal-form words are dropped (names of entities, vessels, aircraft;
     *        queries not said to be about a person)
     */
    Name normalize(String name, boolean entity) {
        if (name == null || name.isBlank()) {
            return new Name(List.of(), List.of());
        }
        List<String> words = words(reorder(Transliteration.toAscii(name), entity));
        List<String> kept = keep(words, entity);
        List<String> tokens = new ArrayList<>(kept.size());
        for (String word : kept) {
            tokens.add(variants.canonical(word));
        }
        return new Name(List.copyOf(tokens), List.copyOf(kept));
    }

    /** "HANIYA, Ismail" → "Ismail HANIYA"; entities keep their commas' order (ANGLO-CARIBBEAN CO., LTD.). */
    static String reorder(String name, boolean entity) {
        int comma = name.indexOf(',');
        if (entity || comma < 0 || name.indexOf(',', comma + 1) >= 0) {
            return name;
        }
        return name.substring(comma + 1).trim() + " " + name.substring(0, comma).trim();
    }

    /** Upper-case ASCII words: apostrophes joined (NU'MAN → NUMAN), any other non-alphanumeric splits. */
    static List<String> words(String ascii) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c >= 'a' && c <= 'z') {
                word.append((char) (c - 32));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                word.append(c);
            } else if (c != '\'' && c != '`' && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** Drops initials, honorifics, particles (and legal forms): unless nothing would be left. */
    private static List<String> keep(List<String> words, boolean entity) {
        List<String> kept = new ArrayList<>(words.size());
        for (String word : words) {
            if (word.length() > 1 && !HONORIFICS.contains(word) && !PARTICLES.contains(word)
                    && !(entity && LEGAL_FORMS.contains(word))) {
                kept.add(word);
            }
        }
        if (kept.isEmpty()) {
            for (String word : words) {
                if (word.length() > 1 || words.size() == 1) {
                    kept.add(word);
                }
            }
        }
        return kept;
    }
}
