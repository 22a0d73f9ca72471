package org.openkyc.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes secrets to files only their owner can read (rw-------), atomically. */
public final class OwnerOnlyFiles {

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private OwnerOnlyFiles() {
    }

    /** Replaces the file if it exists. */
    public static void write(Path file, Writer writer) throws IOException {
        write(file, writer, true);
    }

    /**
     * With {@code replace} false, an existing file wins (another process got there first) and this
     * call leaves it alone, so two instances starting at once cannot overwrite each other's keys.
     */
    public static void write(Path file, Writer writer, boolean replace) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.createFile(temp);
        }
        try (OutputStream out = Files.newOutputStream(temp)) {
            writer.write(out);
        }
        if (replace) {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // someone else wrote it first: theirs is the one in use
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
