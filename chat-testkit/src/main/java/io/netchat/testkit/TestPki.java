package io.netchat.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests, made in memory (EC P-256, fast to generate): it issues server
 * and client certificates with the names, validity and chain a test asks for, written as the PEM
 * files ({@code -----BEGIN CERTIFICATE-----}, PKCS#8 {@code -----BEGIN PRIVATE KEY-----}) the
 * server and client read.
 */
public final class TestPki {
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  /** A certificate with its key; {@code chain} is the certificate, then its issuers below the root. */
  public record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
    /** Writes {@code name}.crt (the chain) and {@code name}.key (PKCS#8) into {@code dir}. */
    public PemPair writeTo(Path dir, String name) {
      Path cert = dir.resolve(name + ".crt");
      Path key = dir.resolve(name + ".key");
      write(cert, chain.stream().map(c -> pem("CERTIFICATE", encoded(c))).reduce("", String::concat));
      write(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      return new PemPair(cert, key);
    }
  }

  /** The two files of one certificate. */
  public record PemPair(Path cert, Path key) {}

  private final Issued root;

  private TestPki(Issued root) {
    this.root = root;
  }

  /** A new root CA named {@code CN=<name>}, valid from an hour ago for a day. */
  public static TestPki newCa(String name) {
    KeyPair keys = keyPair();
    X509Certificate cert = sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys, List.of(),
        Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), true, null);
    return new TestPki(new Issued(keys, cert, List.of(cert)));
  }

  /** The CA's certificate. */
  public X509Certificate certificate() {
    return root.certificate();
  }

  /** Writes the CA certificate to {@code dir/<name>.crt}. */
  public Path writeCa(Path dir, String name) {
    Path file = dir.resolve(name + ".crt");
    write(file, pem("CERTIFICATE", encoded(root.certificate())));
    return file;
  }

  /** A server certificate for {@code localhost} and {@code 127.0.0.1}, valid now. */
  public Issued server(String commonName) {
    return issue(commonName, List.of("localhost", "127.0.0.1"), Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_serverAuth);
  }

  /** A server certificate with the given host names or IP addresses (subject alternative names) and validity. */
  public Issued server(String commonName, List<String> names, Instant notBefore, Instant notAfter) {
    return issue(commonName, names, notBefore, notAfter, KeyPurposeId.id_kp_serverAuth);
  }

  /** A client certificate, valid now. */
  public Issued client(String commonName) {
    return issue(commonName, List.of(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)),
        KeyPurposeId.id_kp_clientAuth);
  }

  /** An intermediate CA below this one, which issues in its turn (chains of two). */
  public TestPki intermediate(String name) {
    KeyPair keys = keyPair();
    X509Certificate cert = sign(new X500Name("CN=" + name), keys,
        new X500Name(root.certificate().getSubjectX500Principal().getName()), root.keys(), List.of(),
        Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), true, null);
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    chain.addAll(root.chain().subList(0, root.chain().size() - 1));
    return new TestPki(new Issued(keys, cert, chain));
  }

  private Issued issue(String commonName, List<String> names, Instant notBefore, Instant notAfter, KeyPurposeId purpose) {
    KeyPair keys = keyPair();
    X509Certificate cert = sign(new X500Name("CN=" + commonName), keys,
        new X500Name(root.certificate().getSubjectX500Principal().getName()), root.keys(), names, notBefore, notAfter,
        false, purpose);
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    if (root.chain().size() > 1 || !isSelfSigned(root.certificate())) {
      chain.addAll(root.chain());
    }
    return new Issued(keys, cert, chain);
  }

  private static boolean isSelfSigned(X509Certificate cert) {
    return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
      List<String> names, Instant notBefore, Instant notAfter, boolean ca, KeyPurposeId purpose) {
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
          BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
          subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
          ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (purpose != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      }
      if (!names.isEmpty()) {
        GeneralName[] alternatives = names.stream().map(n -> new GeneralName(
            n.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, n)).toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code der} as a PEM block of {@code type}. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
