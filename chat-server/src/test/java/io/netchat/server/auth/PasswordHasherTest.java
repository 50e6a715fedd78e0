package io.netchat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.server.config.PasswordConfig;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** PHC strings: self-describing, salted, checked with the parameters they name. */
class PasswordHasherTest {
  static final PasswordConfig CHEAP = new PasswordConfig(64, 1, 1, 8);
  private final PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());

  @Test
  void aHashIsAPhcStringThatNamesItsParameters() {
    String hash = hasher.hash("correct horse");
    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hash).doesNotContain("correct horse");
    assertThat(hasher.hash("correct horse")).as("a fresh salt each time").isNotEqualTo(hash);
  }

  @Test
  void verifyAcceptsTheRightPasswordOnly() {
    String hash = hasher.hash("correct horse");
    assertThat(hasher.verify("correct horse", hash)).isTrue();
    assertThat(hasher.verify("correct hors", hash)).isFalse();
    assertThat(hasher.verify("Correct horse", hash)).isFalse();
  }

  @Test
  void aHashMadeWithOtherParametersStillVerifiesAndIsOutdated() {
    String old = new PasswordHasher(new PasswordConfig(128, 2, 2, 8), new SecureRandom()).hash("pässwörd ✓");
    assertThat(old).startsWith("$argon2id$v=19$m=128,t=2,p=2$");
    assertThat(hasher.verify("pässwörd ✓", old)).isTrue();
    assertThat(hasher.outdated(old)).isTrue();
    assertThat(hasher.outdated(hasher.hash("x"))).isFalse();
  }

  @Test
  void anUnreadableHashVerifiesNothing() {
    assertThat(hasher.verify("x", "plain text")).isFalse();
    assertThat(hasher.verify("x", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    assertThat(hasher.verify("x", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA")).isFalse();
  }

  @Test
  void readsAHashOfTheReferenceImplementation() {
    // made by the argon2 CLI (the reference implementation, Debian package argon2):
    // echo -n password | argon2 somesaltsomesalt -id -t 2 -k 64 -p 1 -l 32 -e
    String reference = "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E";
    assertThat(hasher.verify("password", reference)).isTrue();
    assertThat(hasher.verify("passwore", reference)).isFalse();
  }
}
