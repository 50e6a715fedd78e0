package io.netchat.server.auth;

import io.netchat.server.config.PasswordConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format, {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}
 * (salt and hash in unpadded base64): a stored hash names its own parameters, so they can change
 * later without breaking the accounts hashed before. Comparison is constant-time. Thread-safe;
 * every method costs one Argon2 run (tens of milliseconds by design) and must run off the event
 * loops ({@link HashingPool}).
 */
public final class PasswordHasher {
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final PasswordConfig params;
  private final SecureRandom random;

  public PasswordHasher(PasswordConfig params, SecureRandom random) {
    this.params = params;
    this.random = random;
  }

  /** A new hash of {@code password} with a fresh salt and the configured parameters. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2(password, salt, params.memoryKib(), params.iterations(), params.parallelism(), HASH_BYTES);
    return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code stored}; false (never an exception) for a hash this cannot read. */
  public boolean verify(String password, String stored) {
    Matcher m = PHC.matcher(stored);
    if (!m.matches()) {
      return false;
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    if (parallelism < 1 || iterations < 1 || memory < 8 * parallelism || memory > PasswordConfig.MAX_MEMORY_KIB) {
      return false;
    }
    byte[] salt = B64D.decode(m.group(4));
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual = argon2(password, salt, memory, iterations, parallelism, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Whether {@code stored} was made with other parameters than the configured ones: re-hash it at the next login. */
  public boolean outdated(String stored) {
    return !stored.startsWith("$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p="
        + params.parallelism() + "$");
  }

  private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
      int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .build());
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }
}
