package org.openkyc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate made once per test run (by the running JDK's keytool) for HTTPS
 * receivers on loopback: valid for {@code localhost}, {@code 127.0.0.1}, {@code 127.0.0.2} and
 * {@code ::1}. {@link #trustStore()} holds only the certificate, for the client under test to trust.
 */
public final class TestTls {

    public static final String PASSWORD = "test-tls-store";
    private static Path keyStore;
    private static Path trustStore;

    private TestTls() {
    }

    /** PKCS12 with the receiver's key and certificate. */
    public static synchronized Path keyStore() {
        if (keyStore == null) {
            try {
                Path dir = Files.createTempDirectory("openkyc-test-tls");
                Path keys = dir.resolve("receiver.p12");
                run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "receiver",
                        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "7",
                        "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:127.0.0.2,ip:0:0:0:0:0:0:0:1",
                        "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
                keyStore = keys;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyStore;
    }

    /** PKCS12 holding only the receiver's certificate as a trusted entry. */
    public static synchronized Path trustStore() {
        if (trustStore == null) {
            try {
                KeyStore keys = load(keyStore());
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                trusted.setCertificateEntry("receiver", keys.getCertificate("receiver"));
                Path file = keyStore().resolveSibling("trusted.p12");
                try (OutputStream out = Files.newOutputStream(file)) {
                    trusted.store(out, PASSWORD.toCharArray());
                }
                trustStore = file;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return trustStore;
    }

    /** A server-side TLS context presenting the certificate. */
    public static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore()), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
