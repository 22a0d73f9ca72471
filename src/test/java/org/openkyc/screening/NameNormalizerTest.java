package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NameNormalizerTest {

    static Stream<Arguments> people() {
        return Stream.of(
                Arguments.of("case", "john smith", "JOHN SMITH"),
                Arguments.of("LAST, First reordered", "HANIYA, Ismail Abdul Salah", "ISMAIL ABDUL SALAH HANIYA"),
                Arguments.of("accents", "José Núñez Müller", "JOSE NUNEZ MULLER"),
                Arguments.of("German sharp s, ligatures", "Straße Œdipe", "STRASSE OEDIPE"),
                Arguments.of("Cyrillic", "Владимир Путин", "VLADIMIR PUTIN"),
                Arguments.of("Ukrainian Cyrillic", "Олександр", "ALEKSANDR"),
                Arguments.of("Greek", "Αλέξανδρος", "ALEXANDROS"),
                Arguments.of("Arabic", "محمد", "MOHAMMED"),
                Arguments.of("punctuation, apostrophes joined", "NU'MAN ALAEDDIN, Mohammed-Jamal (Dr.)", "MOHAMMED JAMAL NUMAN ALAEDDIN"),
                Arguments.of("honorifics", "Mr. Sheikh Hajji Omar", "OMAR"),
                Arguments.of("particles dropped", "BIN LADIN, Usama bin Muhammad", "OSAMA MOHAMMED LADIN"),
                Arguments.of("initials dropped", "John F. Kennedy", "JOHN KENNEDY"),
                Arguments.of("variants to one spelling", "Muhammad Youssef Husayn", "MOHAMMED YUSUF HUSSEIN"),
                Arguments.of("variants: Aleksandr / Alexander", "Alexander Oleksandr", "ALEKSANDR ALEKSANDR"),
                Arguments.of("glued ABD prefix", "Abdelrahman", "ABDULRAHMAN"),
                Arguments.of("glued ABD AL prefix", "Abdalrahman Abdulaziz", "ABDULRAHMAN ABDULAZIZ"),
                Arguments.of("a person's legal-form-like words stay", "Co Sa", "CO SA"),
                Arguments.of("nothing but particles keeps them", "Al", "AL"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("people")
    void normalizesAPersonsName(String kind, String name, String expected) {
        assertThat(String.join(" ", NameNormalizer.DEFAULT.normalize(name, false).tokens())).isEqualTo(expected);
    }

    static Stream<Arguments> entities() {
        return Stream.of(
                Arguments.of("ANGLO-CARIBBEAN CO., LTD.", "ANGLO CARIBBEAN"),
                Arguments.of("BANCO NACIONAL DE CUBA", "BANCO NACIONAL CUBA"),
                Arguments.of("RED MUNDIAL INMOBILIARIA, S.A. DE C.V.", "RED MUNDIAL INMOBILIARIA"),
                Arguments.of("Gazprom Neft PJSC", "GAZPROM NEFT"),
                Arguments.of("OOO \"Stroygazmontazh\"", "STROYGAZMONTAZH"),
                Arguments.of("Siemens AG; Siemens GmbH", "SIEMENS SIEMENS"),
                Arguments.of("UZAY GROUP DIS TICARET LIMITED SIRKETI", "UZAY DIS"),
                Arguments.of("THE LLC", "THE LLC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void dropsLegalFormsOfEntities(String name, String expected) {
        assertThat(String.join(" ", NameNormalizer.DEFAULT.normalize(name, true).tokens())).isEqualTo(expected);
    }

    @Test
    void keepsTheSpellingAsWrittenBesideTheCanonicalOne() {
        NameNormalizer.Name name = NameNormalizer.DEFAULT.normalize("Muhammad ALI", false);
        assertThat(name.tokens()).containsExactly("MOHAMMED", "ALI");
        assertThat(name.originals()).containsExactly("MUHAMMAD", "ALI");
    }

    @Test
    void theVariantsTableGivesEachSpellingOneGroup() {
        NameVariants variants = NameVariants.DEFAULT;
        for (List<String> pair : List.of(List.of("MOHAMED", "MUHAMMAD"), List.of("YOUSSEF", "YUSUF"), List.of("ABDEL", "ABDUL"),
                List.of("HUSAYN", "HUSSAIN"), List.of("ALEXANDER", "ALEKSANDR"))) {
            assertThat(variants.variants(pair.get(0), pair.get(1))).as(pair.toString()).isTrue();
        }
        assertThat(variants.variants("MOHAMMED", "AHMED")).isFalse();
        assertThat(variants.variants("SMITH", "SMITH")).isFalse();
    }
}
