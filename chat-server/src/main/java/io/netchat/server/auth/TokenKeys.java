package io.netchat.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.netchat.server.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys that may sign tokens, read once from the one file {@code auth.token} names, each with
 * the algorithms it is accepted with. {@link #select} picks the one key a token's header points
 * to; a token that could be checked by no key, or by several, is refused before any signature work.
 */
final class TokenKeys {
  /** Key files are small; a larger file is a mistake, not a key. */
  static final int MAX_FILE_BYTES = 1 << 20;
  /** The shortest HMAC secret: 256 bits, as RFC 7518 §3.2 asks for HS256. */
  static final int MIN_SECRET_BYTES = 32;

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN (PUBLIC KEY|CERTIFICATE)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** The X.509 prefix of a raw 32-byte Ed25519 public key (RFC 8410). */
  private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
      0x21, 0x00};

  /** One key: its {@code kid} (null: any), its verifier, and the algorithms it is accepted with. */
  record Key(String kid, JWSVerifier verifier, Set<JWSAlgorithm> algorithms) {}

  private final List<Key> keys;
  private final Set<JWSAlgorithm> accepted;

  private TokenKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
    Set<JWSAlgorithm> all = new HashSet<>();
    keys.forEach(key -> all.addAll(key.algorithms()));
    this.accepted = Set.copyOf(all);
  }

  /**
   * Reads the key file {@code config} names; a file that cannot serve is a {@link ConfigException}
   * naming the key ({@code auth.token.secret_file}…), the file and the problem, never the secret.
   */
  static TokenKeys load(TokenConfig config) {
    Path file = config.sourceFile();
    try {
      byte[] bytes = read(file);
      List<Key> keys = config.secretFile() != null ? List.of(secret(bytes, config))
          : config.publicKeyFile() != null ? List.of(pem(bytes, config)) : jwks(bytes, config);
      if (keys.stream().allMatch(key -> key.algorithms().isEmpty())) {
        throw new IllegalArgumentException("no key in the file may be used with algorithms " + config.algorithms());
      }
      return new TokenKeys(keys);
    } catch (IOException | IllegalArgumentException | GeneralSecurityException | JOSEException | ParseException e) {
      throw new ConfigException("auth.token." + config.sourceKey(), file.toString(), problem(e));
    }
  }

  /** The algorithms some key is accepted with. */
  Set<JWSAlgorithm> accepted() {
    return accepted;
  }

  /** The verifier of the one key that may have signed a token with {@code header}. */
  JWSVerifier select(JWSHeader header) throws TokenRefused {
    JWSAlgorithm algorithm = header.getAlgorithm();
    if (!accepted.contains(algorithm)) {
      throw new TokenRefused("the token's algorithm is not one this server accepts (" + names(accepted) + ")");
    }
    String kid = header.getKeyID();
    List<Key> fit = keys.stream()
        .filter(key -> key.algorithms().contains(algorithm) && (kid == null || key.kid() == null || kid.equals(key.kid())))
        .toList();
    if (fit.isEmpty()) {
      throw new TokenRefused("no key of this server has the token's kid");
    }
    if (fit.size() > 1) {
      throw new TokenRefused("the token names no kid and several keys of this server could have signed it");
    }
    return fit.get(0).verifier();
  }

  private static Key secret(byte[] bytes, TokenConfig config) throws JOSEException {
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] == '\n') {
      end--;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
    }
    if (end < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the secret is " + end + " bytes; HS256 needs at least " + MIN_SECRET_BYTES
          + " (e.g. openssl rand -base64 48 > FILE)");
    }
    byte[] secret = Arrays.copyOf(bytes, end);
    Arrays.fill(bytes, (byte) 0);
    // HS384 and HS512 need secrets of 48 and 64 bytes: a shorter secret is not accepted with them
    Set<JWSAlgorithm> possible = MACSigner.getCompatibleAlgorithms(secret.length * 8);
    return new Key(null, new MACVerifier(secret), accepted(config, possible, Set.of(JWSAlgorithm.HS256)));
  }

  private static Key pem(byte[] bytes, TokenConfig config) throws GeneralSecurityException, JOSEException {
    Matcher block = PEM.matcher(new String(bytes, StandardCharsets.US_ASCII));
    if (!block.find()) {
      throw new IllegalArgumentException("expected a PEM public key (-----BEGIN PUBLIC KEY-----) or certificate");
    }
    byte[] der = Base64.getMimeDecoder().decode(block.group(2));
    PublicKey key = block.group(1).equals("CERTIFICATE")
        ? CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey()
        : publicKey(der);
    return fromPublicKey(null, key, null, config);
  }

  private static List<Key> jwks(byte[] bytes, TokenConfig config)
      throws ParseException, GeneralSecurityException, JOSEException {
    JWKSet set = JWKSet.parse(new String(bytes, StandardCharsets.UTF_8));
    List<Key> keys = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      if (jwk.isPrivate()) {
        throw new IllegalArgumentException("the key " + describe(jwk) + " holds a private key: give the server public"
            + " keys only");
      }
      if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
        continue;
      }
      JWSAlgorithm named = jwk.getAlgorithm() == null ? null : JWSAlgorithm.parse(jwk.getAlgorithm().getName());
      PublicKey key;
      if (jwk instanceof RSAKey rsa) {
        key = rsa.toRSAPublicKey();
      } else if (jwk instanceof ECKey ec) {
        key = ec.toECPublicKey();
      } else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
        key = ed25519(okp.getX().decode());
      } else {
        throw new IllegalArgumentException("the key " + describe(jwk) + " is of a type tokens cannot use here (" + jwk.getKeyType()
            + "): RSA, EC or OKP Ed25519 public keys");
      }
      keys.add(fromPublicKey(jwk.getKeyID(), key, named, config));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the JWK Set holds no signing key");
    }
    return keys;
  }

  /** A public key's verifier, accepted with {@code named} (a JWK's {@code alg}) or what its type signs with. */
  private static Key fromPublicKey(String kid, PublicKey key, JWSAlgorithm named, TokenConfig config)
      throws JOSEException {
    JWSVerifier verifier;
    Set<JWSAlgorithm> possible;
    JWSAlgorithm usual;
    if (key instanceof RSAPublicKey rsa) {
      verifier = new RSASSAVerifier(rsa);
      possible = Set.copyOf(JWSAlgorithm.Family.RSA);
      usual = JWSAlgorithm.RS256;
    } else if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      verifier = new ECDSAVerifier(ec);
      usual = Curve.P_384.equals(curve) ? JWSAlgorithm.ES384 : Curve.P_521.equals(curve) ? JWSAlgorithm.ES512
          : Curve.P_256.equals(curve) ? JWSAlgorithm.ES256 : null;
      if (usual == null) {
        throw new IllegalArgumentException("an EC key on the curve " + curve + ": ES256, ES384 and ES512 need P-256,"
            + " P-384 or P-521");
      }
      possible = Set.of(usual);
    } else if (key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519")) {
      verifier = new EdDsaVerifier(key);
      possible = Set.of(JWSAlgorithm.EdDSA);
      usual = JWSAlgorithm.EdDSA;
    } else {
      throw new IllegalArgumentException("a " + key.getAlgorithm() + " key: tokens take RSA, EC or Ed25519 keys");
    }
    if (named != null && !possible.contains(named)) {
      throw new IllegalArgumentException("the key " + kid + " names alg " + named + ", which its type cannot sign with");
    }
    return new Key(kid, verifier, accepted(config, named == null ? possible : Set.of(named),
        named == null ? Set.of(usual) : Set.of(named)));
  }

  /** The algorithms a key is accepted with: {@code algorithms} of the config it can sign with, else {@code usual}. */
  private static Set<JWSAlgorithm> accepted(TokenConfig config, Set<JWSAlgorithm> possible, Set<JWSAlgorithm> usual) {
    if (config.algorithms().isEmpty()) {
      return usual;
    }
    Set<JWSAlgorithm> chosen = new HashSet<>();
    for (String name : config.algorithms()) {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
      if (possible.contains(algorithm)) {
        chosen.add(algorithm);
      }
    }
    return Set.copyOf(chosen);
  }

  private static PublicKey publicKey(byte[] der) {
    for (String type : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this type: try the next
      }
    }
    throw new IllegalArgumentException("the PEM block is no RSA, EC or Ed25519 public key");
  }

  private static PublicKey ed25519(byte[] raw) throws GeneralSecurityException {
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 key is 32 bytes, this x is " + raw.length);
    }
    byte[] der = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
  }

  private static byte[] read(Path file) throws IOException {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException("the file is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file");
    }
  }

  private static String describe(JWK jwk) {
    return jwk.getKeyID() == null ? "without kid" : "'" + jwk.getKeyID() + "'";
  }

  private static String names(Set<JWSAlgorithm> algorithms) {
    return String.join(", ", algorithms.stream().map(JWSAlgorithm::getName).sorted().toList());
  }

  /** What went wrong, without quoting the file's content. */
  private static String problem(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof IllegalArgumentException ? message : "cannot use the key: " + message;
  }
}
