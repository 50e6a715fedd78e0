package io.netchat.codec.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificate chains and PKCS#8 private keys, the forms {@code openssl req -newkey} and
 * {@code openssl genpkey} write, with errors a person can act on. Reads files: call it at start-up
 * or on a reload thread, never on an event loop.
 */
public final class PemFiles {
  /** Files larger than this are not certificates or keys: refused before they are read whole. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final Pattern ANY_KEY = Pattern.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
  private static final byte[] PROBE = "netchat key check".getBytes(StandardCharsets.US_ASCII);

  private PemFiles() {}

  /** The certificates of {@code file} in order: the leaf first, then the chain up to (not always including) the root. */
  public static List<X509Certificate> certificates(Path file) {
    byte[] bytes = read(file);
    try {
      List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(bytes)).stream()
          .map(X509Certificate.class::cast).toList();
      if (chain.isEmpty()) {
        throw new TlsFileException(file, "no certificate in the file (expected PEM: -----BEGIN CERTIFICATE-----)");
      }
      return chain;
    } catch (CertificateException e) {
      throw new TlsFileException(file, "not a PEM certificate (expected -----BEGIN CERTIFICATE-----): "
          + e.getMessage(), e);
    }
  }

  /** The unencrypted PKCS#8 private key of {@code file} (RSA, EC, Ed25519 or Ed448). */
  public static PrivateKey privateKey(Path file) {
    String text = new String(read(file), StandardCharsets.US_ASCII);
    Matcher pkcs8 = PKCS8.matcher(text);
    if (!pkcs8.find()) {
      Matcher other = ANY_KEY.matcher(text);
      throw new TlsFileException(file, other.find()
          ? "a " + other.group(1) + " is not supported; expected an unencrypted PKCS#8 key"
              + " (-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in "
              + file.getFileName() + " -out key.pem"
          : "no private key in the file (expected PEM: -----BEGIN PRIVATE KEY-----)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pkcs8.group(1));
    } catch (IllegalArgumentException e) {
      throw new TlsFileException(file, "the private key is not valid base64", e);
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      Optional<PrivateKey> key = decode(algorithm, spec);
      if (key.isPresent()) {
        return key.get();
      }
    }
    throw new TlsFileException(file, "the private key is not an RSA, EC, Ed25519 or Ed448 key this JVM can read");
  }

  /**
   * Fails unless {@code key} is the private half of {@code certificate}'s public key: a test
   * signature made with the key must verify with the certificate.
   */
  public static void requireMatch(PrivateKey key, Path keyFile, X509Certificate certificate, Path certFile) {
    String algorithm = signatureAlgorithm(key.getAlgorithm());
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another algorithm than the certificate's: a mismatch too
    }
    throw new TlsFileException(keyFile, "this private key does not belong to the certificate in " + certFile
        + " (" + certificate.getSubjectX500Principal().getName() + ")");
  }

  private static String signatureAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm.toUpperCase(Locale.ROOT)) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> keyAlgorithm; // Ed25519, Ed448, EdDSA sign with their own name
    };
  }

  private static Optional<PrivateKey> decode(String algorithm, PKCS8EncodedKeySpec spec) {
    try {
      return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(spec));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new TlsFileException(file, "larger than " + MAX_FILE_BYTES + " bytes: not a certificate or key");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TlsFileException(file, "no such file", e);
    } catch (IOException e) {
      throw new TlsFileException(file, "cannot read the file: " + e, e);
    }
  }
}
