package org.openkyc.screening;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The files of one list as fetched, byte for byte. {@link #hash()} is the SHA-256 of the files
 * with their part names (the same content from another source is the same version); the database
 * keeps them gzip-compressed ({@link #compressed()}), so that another instance parses the very
 * same bytes.
 */
final class ListContent {

    private final String list;
    private final Map<ListPart, byte[]> files;
    private final byte[] canonical;
    private final String hash;

    private ListContent(String list, Map<ListPart, byte[]> files) {
        this.list = list;
        this.files = files;
        this.canonical = canonical(files);
        this.hash = "sha256:" + HexFormat.of().formatHex(sha256(canonical));
    }

    static ListContent of(String list, Map<ListPart, byte[]> files) {
        return new ListContent(list, new EnumMap<>(files));
    }

    String list() {
        return list;
    }

    String hash() {
        return hash;
    }

    OfacList ofacList() {
        return new OfacList(list, source(ListPart.PRIMARY), source(ListPart.ALIASES), source(ListPart.ADDRESSES), source(ListPart.COMMENTS));
    }

    List<WatchlistEntry> parse() throws IOException {
        return OfacParser.parse(ofacList());
    }

    private ListSource source(ListPart part) {
        byte[] bytes = files.get(part);
        return bytes == null ? null : ListSource.bytes(bytes);
    }

    byte[] compressed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(canonical.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(canonical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The content stored by {@link #compressed()}; an IOException when it is not that. */
    static ListContent decompress(String list, byte[] stored) throws IOException {
        Map<ListPart, byte[]> files = new EnumMap<>(ListPart.class);
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(stored)))) {
            for (String part = in.readUTF(); !part.isEmpty(); part = in.readUTF()) {
                files.put(ListPart.valueOf(part), in.readNBytes(in.readInt()));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("stored content names an unknown file");
        }
        return new ListContent(list, files);
    }

    /** Each file as its part name, its length and its bytes, in part order; an empty name ends it. */
    private static byte[] canonical(Map<ListPart, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(files.values().stream().mapToInt(b -> b.length + 32).sum());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Map.Entry<ListPart, byte[]> file : files.entrySet()) {
                out.writeUTF(file.getKey().name());
                out.writeInt(file.getValue().length);
                out.write(file.getValue());
            }
            out.writeUTF("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
