package org.openkyc.screening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a list file is read from: a classpath resource (the lists shipped in the jar) or a file. */
sealed interface ListSource {

    InputStream open() throws IOException;

    /** Whether the file is there (the optional files of a list may be absent). */
    boolean exists();

    static ListSource classpath(String resource) {
        return new Resource(resource);
    }

    static ListSource file(Path path) {
        return new File(path);
    }

    static ListSource bytes(byte[] content) {
        return new Bytes(content);
    }

    record Bytes(byte[] content) implements ListSource {
        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(content);
        }

        @Override
        public boolean exists() {
            return true;
        }
    }

    record Resource(String resource) implements ListSource {
        @Override
        public InputStream open() throws IOException {
            InputStream in = ListSource.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in;
        }

        @Override
        public boolean exists() {
            return ListSource.class.getClassLoader().getResource(resource) != null;
        }
    }

    record File(Path path) implements ListSource {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public boolean exists() {
            return Files.isRegularFile(path);
        }
    }
}
