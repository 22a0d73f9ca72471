package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WatchlistsTest {

    private static final Map<String, WatchlistEntry> SHIPPED = TestLists.shipped().lists().entries().stream()
            .collect(Collectors.toMap(WatchlistEntry::uid, Function.identity()));

    /**
     * Entry counts per file. The 2024 release has 14,966 lines: 14,965 entries and the 0x1A
     * end-of-file byte on a line of its own.
     */
    static Stream<Arguments> primaryFiles() {
        return Stream.of(
                Arguments.of("watchlists/ofac/sdn.csv (LF)", 7_379, 3_845, 323, 217),
                Arguments.of("watchlists/ofac/cons_prim.csv (CRLF, 0x1A)", 442, 79, 0, 0),
                Arguments.of(TestLists.SNAPSHOT_2024 + " (CRLF, 0x1A)", 14_965, 6_854, 851, 376),
                Arguments.of(TestLists.SNAPSHOT_2021 + " (CRLF, 0x1A)", 9_083, -1, -1, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primaryFiles")
    void readsEveryEntryOfAPrimaryFile(String file, int entries, int individuals, int vessels, int aircraft) throws IOException {
        List<WatchlistEntry> list = OfacParser.parse(OfacList.primaryOnly("X", ListSource.classpath(file.split(" ")[0])));
        assertThat(list).hasSize(entries);
        assertThat(list.stream().map(WatchlistEntry::id).distinct()).hasSize(entries);
        Map<EntryType, Long> types = list.stream().collect(Collectors.groupingBy(WatchlistEntry::type, Collectors.counting()));
        if (individuals >= 0) {
            assertThat(types.getOrDefault(EntryType.INDIVIDUAL, 0L)).isEqualTo(individuals);
            assertThat(types.getOrDefault(EntryType.VESSEL, 0L)).isEqualTo(vessels);
            assertThat(types.getOrDefault(EntryType.AIRCRAFT, 0L)).isEqualTo(aircraft);
        }
    }

    @Test
    void theShippedListsLoadWithTheirAliasesAddressesAndComments() {
        Watchlists lists = TestLists.shipped().lists();
        assertThat(lists.counts()).isEqualTo(Map.of("SDN", 7_379, "CONS", 442));
        long listedAliases = lists.entries().stream().flatMap(e -> e.aliases().stream()).filter(a -> !a.fromRemarks()).count();
        assertThat(listedAliases).isEqualTo(9_682 + 1_073); // every row of alt.csv and cons_alt.csv
        long addresses = lists.entries().stream().mapToLong(e -> e.addresses().size()).sum();
        assertThat(addresses).isEqualTo(11_696 + 574);
        // sdn_comments.csv continues remarks cut mid-word: "PROMO RAI" + "Z S.A.S.; ..."
        assertThat(SHIPPED.get("SDN-12300").remarks()).contains("Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL");
    }

    @Test
    void anEntryKeepsItsTypeProgramsAndRemarksFacts() {
        WatchlistEntry nasrallah = SHIPPED.get("SDN-2686");
        assertThat(nasrallah.name()).isEqualTo("NASRALLAH, Hasan");
        assertThat(nasrallah.type()).isEqualTo(EntryType.INDIVIDUAL);
        assertThat(nasrallah.programs()).containsExactly("SDGT", "SDT", "SYRIA");
        assertThat(nasrallah.title()).isEqualTo("Secretary General of Hizballah");
        assertThat(nasrallah.datesOfBirth()).extracting(DateOfBirth::text)
                .containsExactly("31 Aug 1960", "31 Aug 1953", "31 Aug 1955", "31 Aug 1958");
        assertThat(nasrallah.placesOfBirth()).containsExactly("Al Basuriyah, Lebanon");
        WatchlistEntry bank = SHIPPED.get("SDN-306");
        assertThat(bank.type()).isEqualTo(EntryType.ENTITY);
        assertThat(bank.aliases()).extracting(Alias::name).contains("NATIONAL BANK OF CUBA", "BNC");
        assertThat(SHIPPED.get("CONS-9639").datesOfBirth()).extracting(DateOfBirth::text).containsExactly("1962");
    }

    @Test
    void theRaw2024ReleaseHasItsAliasesOnlyInTheRemarks() {
        Watchlists lists = TestLists.snapshot2024WithConsolidated();
        List<WatchlistEntry> sdn = lists.entries().stream().filter(e -> e.list().equals("SDN")).toList();
        assertThat(sdn).hasSize(14_965);
        long fromRemarks = sdn.stream().flatMap(e -> e.aliases().stream()).filter(Alias::fromRemarks).count();
        // 3,666 a.k.a. marks; 3 of them open a name cut off with the remarks' end (the release has no comments file).
        assertThat(fromRemarks).isEqualTo(3_663);
        assertThat(sdn.stream().flatMap(e -> e.aliases().stream())).allMatch(Alias::fromRemarks);
        assertThat(sdn.stream().filter(e -> !e.datesOfBirth().isEmpty()).count()).isEqualTo(6_736);
    }

    @Test
    void loadsFromFilesAsFromTheClasspath(@TempDir Path dir) throws IOException {
        for (String name : List.of("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")) {
            try (var in = ListSource.classpath("watchlists/ofac/" + name).open()) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Watchlists fromFiles = Watchlists.load(List.of(OfacList.sdn(dir)));
        assertThat(fromFiles.counts()).isEqualTo(Map.of("SDN", 7_379));
        assertThat(fromFiles.nameCount()).isEqualTo(TestLists.shipped().lists().entries().stream()
                .filter(e -> e.list().equals("SDN")).mapToInt(e -> 1 + e.aliases().size()).sum());
    }

    @Test
    void aMissingOrTruncatedPrimaryFileFailsTheLoad(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Watchlists.load(List.of(OfacList.sdn(dir)))).isInstanceOf(IOException.class);
        Files.writeString(dir.resolve("sdn.csv"), "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n");
        assertThatThrownBy(() -> Watchlists.load(List.of(OfacList.sdn(dir)))).isInstanceOf(IOException.class)
                .hasMessageContaining("12 fields");
    }
}
