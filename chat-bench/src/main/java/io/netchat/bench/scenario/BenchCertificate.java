package io.netchat.bench.scenario;

import io.netchat.codec.tls.TlsProvider;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A throw-away self-signed certificate for {@code 127.0.0.1} (EC P-256, as a deployment would
 * choose), made with {@code openssl} for a TLS run of the bench: the server's listener uses it and
 * the generator trusts it.
 *
 * @param cert the PEM certificate
 * @param key its PKCS#8 PEM key
 */
record BenchCertificate(Path cert, Path key) {

  /** Writes {@code bench-tls.crt} and {@code bench-tls.key} into {@code dir} with {@code openssl req}. */
  static BenchCertificate create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path cert = dir.resolve("bench-tls.crt");
    Path key = dir.resolve("bench-tls.key");
    Process openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString()))
        .redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      throw new IOException("openssl could not make the bench certificate (is openssl installed?): " + output);
    }
    return new BenchCertificate(cert, key);
  }

  /** The generator's side: TLS 1.3/1.2 trusting this certificate, with host-name (IP) verification. */
  SslContext clientContext() {
    try {
      return SslContextBuilder.forClient().sslProvider(TlsProvider.choose()).protocols(TlsProvider.PROTOCOLS)
          .trustManager(cert.toFile()).endpointIdentificationAlgorithm("HTTPS").build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot use the bench certificate " + cert, e);
    }
  }
}
