package io.netchat.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.netchat.codec.Durations;
import io.netchat.server.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Logins with a JWT the application signed ({@code auth.token}, docs/PROTOCOL.md §16). Tokens are
 * accepted when exactly one key source is named; the file is read at start-up and by
 * {@code --check-config}, and the secret never appears in a log line or an error.
 *
 * @param secretFile the shared HMAC secret (HS256/HS384/HS512): the file's bytes, less one trailing
 *     line end, at least 32 bytes
 * @param publicKeyFile one public key in PEM ({@code -----BEGIN PUBLIC KEY-----}): RSA (RS256…,
 *     PS256…), EC P-256/384/521 (ES256/384/512) or Ed25519 (EdDSA)
 * @param jwksFile a JWK Set (RFC 7517) of public keys, chosen by the token's {@code kid}
 * @param algorithms the JWS algorithms accepted; empty for each key's own (HS256 for a secret, RS256
 *     for an RSA key, ES256/384/512 by the EC curve, EdDSA for Ed25519, a JWK's {@code alg})
 * @param clockSkew how far the server's clock and the issuer's may differ: {@code exp} and
 *     {@code nbf} are stretched by it
 * @param roomsClaim the claim whose list of room names limits the rooms the user may join; a token
 *     without it may join any room
 * @param issuer when set, the {@code iss} every token must carry
 * @param audience when set, a value the token's {@code aud} must hold
 * @param verifyThreads threads that check signatures, off the event loops
 */
public record TokenConfig(String secretFile, String publicKeyFile, String jwksFile, List<String> algorithms,
    Duration clockSkew, String roomsClaim, String issuer, String audience, int verifyThreads) {

  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  public static final String DEFAULT_ROOMS_CLAIM = "rooms";
  public static final int DEFAULT_VERIFY_THREADS = 1;

  /** The algorithms a key source can take; {@code none} is never one of them. */
  static final Set<JWSAlgorithm> HMAC = Set.copyOf(JWSAlgorithm.Family.HMAC_SHA);
  static final Set<JWSAlgorithm> PUBLIC_KEY = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
      JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

  public TokenConfig {
    secretFile = blankToNull(secretFile);
    publicKeyFile = blankToNull(publicKeyFile);
    jwksFile = blankToNull(jwksFile);
    long sources = Stream.of(secretFile, publicKeyFile, jwksFile).filter(f -> f != null).count();
    if (sources > 1) {
      throw new ConfigException("secret_file", secretFile, "name one of secret_file, public_key_file, jwks_file");
    }
    algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
    Set<JWSAlgorithm> allowed = secretFile != null ? HMAC : PUBLIC_KEY;
    for (String name : algorithms) {
      if (sources == 0) {
        throw new ConfigException("algorithms", name, "algorithms need a key: set secret_file, public_key_file or"
            + " jwks_file");
      }
      if (!allowed.contains(JWSAlgorithm.parse(name))) {
        throw new ConfigException("algorithms", name, "expected "
            + (secretFile != null ? "HS256, HS384 or HS512 with secret_file" : "RS256…RS512, PS256…PS512,"
            + " ES256…ES512 or EdDSA with a public key") + " (never none)");
      }
    }
    if (clockSkew == null || clockSkew.isNegative()) {
      throw new ConfigException("clock_skew", clockSkew == null ? null : clockSkew.toString(),
          "expected a duration, " + Durations.FORM);
    }
    if (roomsClaim == null || roomsClaim.isBlank()) {
      throw new ConfigException("rooms_claim", roomsClaim, "expected a non-empty claim name");
    }
    if (verifyThreads < 1) {
      throw new ConfigException("verify_threads", verifyThreads, "expected a positive integer");
    }
  }

  /** No key: {@code hello{token}} is refused. */
  public static TokenConfig defaults() {
    return new TokenConfig(null, null, null, List.of(), DEFAULT_CLOCK_SKEW, DEFAULT_ROOMS_CLAIM, null, null,
        DEFAULT_VERIFY_THREADS);
  }

  /** HS256 tokens signed with the secret in {@code file}, other settings at their defaults. */
  public static TokenConfig secret(Path file) {
    return defaults().withKeys(file.toString(), null, null);
  }

  /** Tokens signed with the private half of the PEM public key in {@code file}. */
  public static TokenConfig publicKey(Path file) {
    return defaults().withKeys(null, file.toString(), null);
  }

  /** Tokens signed with one of the keys of the JWK Set in {@code file}. */
  public static TokenConfig jwks(Path file) {
    return defaults().withKeys(null, null, file.toString());
  }

  /** Whether a key is named, so that tokens are accepted at all. */
  public boolean enabled() {
    return secretFile != null || publicKeyFile != null || jwksFile != null;
  }

  /** The config key of the key source named, for error messages ({@code secret_file}…). */
  String sourceKey() {
    return secretFile != null ? "secret_file" : publicKeyFile != null ? "public_key_file" : "jwks_file";
  }

  /** The file of the key source named. */
  Path sourceFile() {
    return Path.of(secretFile != null ? secretFile : publicKeyFile != null ? publicKeyFile : jwksFile);
  }

  public TokenConfig withKeys(String secret, String publicKey, String jwks) {
    return new TokenConfig(secret, publicKey, jwks, algorithms, clockSkew, roomsClaim, issuer, audience,
        verifyThreads);
  }

  public TokenConfig withAlgorithms(List<String> names) {
    return new TokenConfig(secretFile, publicKeyFile, jwksFile, names, clockSkew, roomsClaim, issuer, audience,
        verifyThreads);
  }

  public TokenConfig withClockSkew(Duration skew) {
    return new TokenConfig(secretFile, publicKeyFile, jwksFile, algorithms, skew, roomsClaim, issuer, audience,
        verifyThreads);
  }

  public TokenConfig withIssuerAndAudience(String newIssuer, String newAudience) {
    return new TokenConfig(secretFile, publicKeyFile, jwksFile, algorithms, clockSkew, roomsClaim, newIssuer,
        newAudience, verifyThreads);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
