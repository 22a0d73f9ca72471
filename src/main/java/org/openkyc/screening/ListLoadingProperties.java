package org.openkyc.screening;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the lists come from and how often they are loaded again ({@code openkyc.screening.*}).
 * Each file of a list is a file path or an http(s) URL; {@code location} names a directory or URL
 * prefix holding all of a list's files under OFAC's names, and the files named one by one override
 * it. A list with nothing configured is read from the copy shipped in the jar.
 *
 * @param enabled         sandbox mode may turn the lists off (live mode must screen)
 * @param reloadInterval  how often the sources are fetched again
 * @param pollInterval    how often an instance looks for a version another instance recorded
 * @param retryInterval   how soon a reload that failed is tried again
 * @param maxShrink       a load whose list has lost more than this share of its entries since the
 *                        version in service is refused (a truncated file must not pass for a list)
 * @param connectTimeout  per http(s) file
 * @param readTimeout     per http(s) file, the whole download
 * @param maxFileSize     per file
 */
@ConfigurationProperties("openkyc.screening")
record ListLoadingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue ListFiles sdn,
        @DefaultValue ListFiles cons,
        @DefaultValue("24h") Duration reloadInterval,
        @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("15m") Duration retryInterval,
        @DefaultValue("0.2") double maxShrink,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("120s") Duration readTimeout,
        @DefaultValue("64MB") DataSize maxFileSize) {

    /** The lists' files shipped in the jar, as a location. */
    static final String SHIPPED = "classpath:" + OfacList.DEFAULT_RESOURCES;

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** {@code primary}: sdn.csv / cons_prim.csv; {@code aliases}: alt; {@code addresses}: add; {@code comments}: sdn_comments.csv. */
    record ListFiles(String location, String primary, String aliases, String addresses, String comments) {

        boolean configured() {
            return location != null || primary != null || aliases != null || addresses != null || comments != null;
        }

        String named(ListPart part) {
            return switch (part) {
                case PRIMARY -> primary;
                case ALIASES -> aliases;
                case ADDRESSES -> addresses;
                case COMMENTS -> comments;
            };
        }
    }

    /** The files of one list: where each is read from. */
    record ListSpec(String list, Map<ListPart, String> files) {
    }

    ListLoadingProperties {
        if (!(maxShrink >= 0 && maxShrink <= 1)) {
            throw new IllegalArgumentException("openkyc.screening.max-shrink must be within [0, 1], not " + maxShrink);
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero() || pollInterval.isNegative() || pollInterval.isZero()
                || retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("openkyc.screening.reload-interval, poll-interval and retry-interval must be positive");
        }
        specs(sdn, cons);
    }

    List<ListSpec> specs() {
        return specs(sdn, cons);
    }

    private static List<ListSpec> specs(ListFiles sdn, ListFiles cons) {
        return List.of(spec(ListPart.SDN, "sdn", sdn), spec(ListPart.CONS, "cons", cons));
    }

    private static ListSpec spec(String list, String key, ListFiles files) {
        String base = files.configured() ? files.location() : SHIPPED;
        Map<ListPart, String> located = new EnumMap<>(ListPart.class);
        for (ListPart part : ListPart.values()) {
            String name = part.fileName(list);
            String file = files.named(part);
            if (name == null && file != null) {
                throw new IllegalArgumentException("openkyc.screening." + key + "." + part.name().toLowerCase() + ": the list has no such file");
            }
            if (file == null && base != null && name != null) {
                file = base.endsWith("/") ? base + name : base + "/" + name;
            }
            if (file != null) {
                located.put(part, checked("openkyc.screening." + key + "." + part.name().toLowerCase(), file));
            }
        }
        if (!located.containsKey(ListPart.PRIMARY)) {
            throw new IllegalArgumentException("openkyc.screening." + key + ".primary (or .location) is needed when any of its files is configured");
        }
        return new ListSpec(list, java.util.Collections.unmodifiableMap(located));
    }

    /** A path, or an http(s) URL; another scheme is a start-up error that names the setting. */
    private static String checked(String setting, String location) {
        if (location.startsWith("classpath:") || location.startsWith("file:") || !SCHEME.matcher(location).matches()) {
            return location;
        }
        try {
            URI uri = new URI(location);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return location;
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(setting + ": not a valid URL");
        }
        throw new IllegalArgumentException(setting + ": a file path or an http(s) URL is expected");
    }
}
