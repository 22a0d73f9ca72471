package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

/** Sources from configuration, fetching them, the stored content and the shrink rule, without a server. */
class ListSourcesTest {

    private static ListLoadingProperties properties(ListLoadingProperties.ListFiles sdn, ListLoadingProperties.ListFiles cons) {
        return new ListLoadingProperties(true, sdn, cons, Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofMinutes(15), 0.2,
                Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofMegabytes(64));
    }

    private static ListLoadingProperties.ListFiles none() {
        return new ListLoadingProperties.ListFiles(null, null, null, null, null);
    }

    @Test
    void nothingConfiguredReadsTheListsShippedInTheJar() {
        var specs = properties(none(), none()).specs();
        assertThat(specs).extracting(ListLoadingProperties.ListSpec::list).containsExactly("SDN", "CONS");
        assertThat(specs.get(0).files()).isEqualTo(Map.of(ListPart.PRIMARY, "classpath:watchlists/ofac/sdn.csv",
                ListPart.ALIASES, "classpath:watchlists/ofac/alt.csv", ListPart.ADDRESSES, "classpath:watchlists/ofac/add.csv",
                ListPart.COMMENTS, "classpath:watchlists/ofac/sdn_comments.csv"));
        assertThat(specs.get(1).files()).isEqualTo(Map.of(ListPart.PRIMARY, "classpath:watchlists/ofac/cons_prim.csv",
                ListPart.ALIASES, "classpath:watchlists/ofac/cons_alt.csv", ListPart.ADDRESSES, "classpath:watchlists/ofac/cons_add.csv"));
    }

    @Test
    void aLocationNamesEveryFileAndFilesNamedOneByOneOverrideIt() {
        var sdn = new ListLoadingProperties.ListFiles("https://lists.example/ofac", null, "/srv/alt.csv", null, null);
        var cons = new ListLoadingProperties.ListFiles(null, "/srv/cons_prim.csv", null, null, null);
        var specs = properties(sdn, cons).specs();
        assertThat(specs.get(0).files()).isEqualTo(Map.of(ListPart.PRIMARY, "https://lists.example/ofac/sdn.csv",
                ListPart.ALIASES, "/srv/alt.csv", ListPart.ADDRESSES, "https://lists.example/ofac/add.csv",
                ListPart.COMMENTS, "https://lists.example/ofac/sdn_comments.csv"));
        assertThat(specs.get(1).files()).as("a list configured file by file has only those files").isEqualTo(Map.of(ListPart.PRIMARY, "/srv/cons_prim.csv"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp://lists.example/sdn.csv | openkyc.screening.sdn.primary: a file path or an http(s) URL is expected",
            "http:// | openkyc.screening.sdn.primary: not a valid URL"})
    void aSourceThatIsNeitherAPathNorAnHttpUrlIsAStartUpError(String location, String message) {
        assertThatThrownBy(() -> properties(new ListLoadingProperties.ListFiles(null, location, null, null, null), none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void settingsThatCannotWorkAreStartUpErrors() {
        assertThatThrownBy(() -> properties(none(), new ListLoadingProperties.ListFiles(null, "/a", null, null, "/c")))
                .hasMessageContaining("openkyc.screening.cons.comments: the list has no such file");
        assertThatThrownBy(() -> properties(new ListLoadingProperties.ListFiles(null, null, "/alt.csv", null, null), none()))
                .hasMessageContaining("openkyc.screening.sdn.primary (or .location) is needed");
        assertThatThrownBy(() -> new ListLoadingProperties(true, none(), none(), Duration.ofHours(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), 1.5, Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofMegabytes(1)))
                .hasMessageContaining("max-shrink");
    }

    @ParameterizedTest(name = "{0} -> {1} entries: {2}")
    @CsvSource({"1000, 1000, true", "1000, 1200, true", "1000, 800, true", "1000, 799, false", "1000, 0, false", "10, 8, true"})
    void aListMayLoseAtMostTheConfiguredShareOfItsEntries(int before, int after, boolean allowed) {
        String refusal = ListLoader.shrinkRefusal(before, after, 0.2);
        assertThat(refusal == null).isEqualTo(allowed);
        if (!allowed) {
            assertThat(refusal).isEqualTo("the list shrank from " + before + " to " + after + " entries, more than the 20 % allowed (openkyc.screening.max-shrink)");
        }
    }

    @Test
    void storedContentComesBackByteForByteUnderTheSameHash() throws IOException {
        SourceFetcher fetcher = new SourceFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 << 20);
        Map<ListPart, byte[]> files = Map.of(ListPart.PRIMARY, fetcher.fetch("classpath:watchlists/ofac/cons_prim.csv"),
                ListPart.ALIASES, fetcher.fetch("classpath:watchlists/ofac/cons_alt.csv"));
        ListContent content = ListContent.of("CONS", files);
        ListContent stored = ListContent.decompress("CONS", content.compressed());
        assertThat(stored.hash()).isEqualTo(content.hash()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(stored.parse()).isEqualTo(content.parse()).hasSize(442);
        assertThat(content.compressed().length).as("stored compressed").isLessThan((files.get(ListPart.PRIMARY).length + files.get(ListPart.ALIASES).length) / 3);

        byte[] changed = files.get(ListPart.ALIASES).clone();
        changed[changed.length / 2] ^= 1;
        assertThat(ListContent.of("CONS", Map.of(ListPart.PRIMARY, files.get(ListPart.PRIMARY), ListPart.ALIASES, changed)).hash())
                .as("one byte changed").isNotEqualTo(content.hash());
        assertThat(ListContent.of("CONS", Map.of(ListPart.PRIMARY, files.get(ListPart.PRIMARY), ListPart.ADDRESSES, files.get(ListPart.ALIASES))).hash())
                .as("the same bytes as another file of the list").isNotEqualTo(content.hash());
    }

    @Test
    void filesAreReadWithinTheSizeLimit(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sdn.csv"), "x".repeat(2_000));
        assertThat(new SourceFetcher(Duration.ofSeconds(1), Duration.ofSeconds(1), 2_000).fetch(file.toString())).hasSize(2_000);
        assertThat(new SourceFetcher(Duration.ofSeconds(1), Duration.ofSeconds(1), 2_000).fetch(file.toUri().toString())).hasSize(2_000);
        assertThatThrownBy(() -> new SourceFetcher(Duration.ofSeconds(1), Duration.ofSeconds(1), 1_999).fetch(file.toString()))
                .hasMessage("larger than the limit of 1999 bytes");
        assertThatThrownBy(() -> new SourceFetcher(Duration.ofSeconds(1), Duration.ofSeconds(1), 1_999).fetch(dir.resolve("nope.csv").toString()))
                .hasMessageStartingWith("no file ");
    }

    @Test
    void httpSourcesAreFetchedWithinTheirLimits() throws IOException {
        try (ListServer server = new ListServer()) {
            server.put("/ofac/sdn.csv", "a,b\r\n".repeat(400).getBytes(StandardCharsets.US_ASCII));
            SourceFetcher fetcher = new SourceFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 2_000);
            assertThat(fetcher.fetch(server.url("/ofac/sdn.csv"))).hasSize(2_000);
            assertThatThrownBy(() -> fetcher.fetch(server.url("/ofac/alt.csv?token=s3cret"))).hasMessage("HTTP 404 from " + server.url("/ofac/alt.csv"));
            assertThatThrownBy(() -> new SourceFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 1_000).fetch(server.url("/ofac/sdn.csv")))
                    .hasMessage("larger than the limit of 1000 bytes");
            server.stall(true);
            assertThatThrownBy(() -> new SourceFetcher(Duration.ofSeconds(2), Duration.ofMillis(500), 2_000).fetch(server.url("/ofac/sdn.csv")))
                    .as("a download that stalls ends at the deadline").hasMessage("no complete answer within 500 ms from " + server.url("/ofac/sdn.csv"));
        }
    }

    @Test
    void urlsAreShownWithoutCredentialsOrQuery() {
        assertThat(SourceFetcher.shown("https://user:pw@lists.example:8443/ofac/sdn.csv?key=abc")).isEqualTo("https://lists.example:8443/ofac/sdn.csv");
        assertThat(SourceFetcher.shown("/srv/ofac/sdn.csv")).isEqualTo("/srv/ofac/sdn.csv");
    }
}
