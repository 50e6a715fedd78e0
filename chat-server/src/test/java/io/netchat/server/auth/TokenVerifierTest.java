package io.netchat.server.auth;

import static io.netchat.server.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.netchat.server.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link TokenVerifier} accepts and refuses: each key source (HS256 secret, PEM public key of
 * each type, JWKS), and every way a token can be wrong — expired, forged, signed by another key,
 * with an algorithm the config does not accept, unsigned ({@code alg: none}).
 */
class TokenVerifierTest {
  static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));
  private static KeyPair rsa;
  private static KeyPair otherRsa;

  @TempDir
  Path dir;

  @BeforeAll
  static void keys() {
    rsa = TestTokens.rsa();
    otherRsa = TestTokens.rsa();
  }

  private TokenVerifier secretVerifier() {
    return TokenVerifier.of(TokenConfig.secret(TestTokens.secretFile(dir)));
  }

  private TokenVerifier pemVerifier(KeyPair pair) {
    return TokenVerifier.of(TokenConfig.publicKey(TestTokens.write(dir.resolve("key.pem"), TestTokens.pem(pair.getPublic()))));
  }

  @Test
  void aValidHs256TokenGivesItsSubExpiryAndRooms() throws Exception {
    TokenClaims claims = secretVerifier().verify(
        TestTokens.hs256(TestTokens.SECRET, claims("Alice", IN_AN_HOUR, List.of("Lobby", "dev.ops"))), NOW);

    assertThat(claims.nick()).isEqualTo("Alice");
    assertThat(claims.account()).isEqualTo("alice");
    assertThat(claims.validUntil()).isEqualTo(IN_AN_HOUR.plus(TokenConfig.DEFAULT_CLOCK_SKEW));
    assertThat(claims.roomKeys()).containsExactlyInAnyOrder("lobby", "dev.ops");
    assertThat(claims.allowsRoom("lobby")).isTrue();
    assertThat(claims.allowsRoom("staff")).isFalse();
  }

  @Test
  void aTokenWithoutRoomsClaimAllowsEveryRoom() throws Exception {
    TokenClaims claims = secretVerifier().verify(TestTokens.hs256(TestTokens.SECRET, claims("alice", IN_AN_HOUR, null)), NOW);

    assertThat(claims.roomKeys()).isNull();
    assertThat(claims.allowsRoom("anything")).isTrue();
  }

  @Test
  void anExpiredTokenIsRefusedOnceTheSkewHasPassed() throws Exception {
    String token = TestTokens.hs256(TestTokens.SECRET, claims("alice", NOW.minusSeconds(10), null));

    assertThat(secretVerifier().verify(token, NOW).validUntil()).as("10 s late, within the 30 s skew")
        .isEqualTo(NOW.plusSeconds(20));
    assertRefused(secretVerifier(), token, NOW.plusSeconds(20), "the token has expired");
    TokenVerifier strict = TokenVerifier.of(TokenConfig.secret(TestTokens.secretFile(dir)).withClockSkew(Duration.ZERO));
    assertRefused(strict, token, NOW, "the token has expired");
  }

  @Test
  void aForgedTokenIsRefused() {
    String token = TestTokens.hs256(TestTokens.SECRET, claims("alice", IN_AN_HOUR, List.of("lobby")));
    String forged = TestTokens.withClaims(token, claims("alice", IN_AN_HOUR, List.of("lobby", "staff")));

    assertRefused(secretVerifier(), forged, NOW, "the token is not signed by a configured key");
    assertRefused(secretVerifier(), token.substring(0, token.length() - 2) + "AA", NOW,
        "the token is not signed by a configured key");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    byte[] otherSecret = "another secret that is long enough for hs256!".getBytes(StandardCharsets.US_ASCII);
    assertRefused(secretVerifier(), TestTokens.hs256(otherSecret, claims("alice", IN_AN_HOUR, null)), NOW,
        "the token is not signed by a configured key");
    assertRefused(pemVerifier(rsa), TestTokens.rs256(otherRsa, null, claims("alice", IN_AN_HOUR, null)), NOW,
        "the token is not signed by a configured key");
  }

  @Test
  void anUnsignedTokenIsNeverAccepted() {
    String none = TestTokens.unsigned(claims("alice", IN_AN_HOUR, null));

    assertThat(none).endsWith(".");
    assertRefused(secretVerifier(), none, NOW, "not a signed JWT (JWS compact form; alg none is never accepted)");
    assertRefused(pemVerifier(rsa), none, NOW, "not a signed JWT (JWS compact form; alg none is never accepted)");
    String noneWithASignature = none + "c2ln";
    assertRefused(secretVerifier(), noneWithASignature, NOW, "not a signed JWT (JWS compact form; alg none is never accepted)");
  }

  @Test
  void anAlgorithmTheConfigDoesNotAcceptIsRefusedBeforeAnySignatureWork() throws Exception {
    JWTClaimsSet alice = claims("alice", IN_AN_HOUR, null);
    String hs512 = TestTokens.sign(JWSAlgorithm.HS512, null, TestTokens.macSigner(TestTokens.SECRET), alice);
    assertRefused(secretVerifier(), hs512, NOW, "the token's algorithm is not one this server accepts (HS256)");
    TokenVerifier both = TokenVerifier.of(TokenConfig.secret(TestTokens.secretFile(dir)).withAlgorithms(List.of("HS256", "HS512")));
    assertThat(both.verify(hs512, NOW).nick()).isEqualTo("alice");

    // the classic confusion: the RSA public key, which anyone has, used as an HMAC secret
    byte[] publicPem = TestTokens.pem(rsa.getPublic()).getBytes(StandardCharsets.US_ASCII);
    String confused = TestTokens.sign(JWSAlgorithm.HS256, null, TestTokens.macSigner(publicPem), alice);
    assertRefused(pemVerifier(rsa), confused, NOW, "the token's algorithm is not one this server accepts (RS256)");
    String ps256 = TestTokens.sign(JWSAlgorithm.PS256, null,
        new com.nimbusds.jose.crypto.RSASSASigner((RSAPrivateKey) rsa.getPrivate()), alice);
    assertRefused(pemVerifier(rsa), ps256, NOW, "the token's algorithm is not one this server accepts (RS256)");
  }

  @Test
  void pemPublicKeysOfEachTypeCheckTheirOwnTokens() throws Exception {
    JWTClaimsSet alice = claims("alice", IN_AN_HOUR, null);
    KeyPair ec = TestTokens.ec();
    KeyPair ed = TestTokens.ed25519();

    assertThat(pemVerifier(rsa).verify(TestTokens.rs256(rsa, null, alice), NOW).nick()).isEqualTo("alice");
    assertThat(pemVerifier(ec).verify(TestTokens.es256(ec, null, alice), NOW).nick()).isEqualTo("alice");
    assertThat(pemVerifier(ed).verify(TestTokens.eddsa(ed, alice), NOW).nick()).isEqualTo("alice");
    assertRefused(pemVerifier(ed), TestTokens.eddsa(TestTokens.ed25519(), alice), NOW,
        "the token is not signed by a configured key");
    assertRefused(pemVerifier(ec), TestTokens.es256(TestTokens.ec(), null, alice), NOW,
        "the token is not signed by a configured key");
  }

  @Test
  void aJwksChoosesTheKeyByKid() throws Exception {
    KeyPair ec = TestTokens.ec();
    JWKSet set = new JWKSet(List.of(new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("rsa-2026").build(),
        new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("ec-2026").build()));
    TokenVerifier verifier = TokenVerifier.of(TokenConfig.jwks(TestTokens.write(dir.resolve("keys.json"), set.toString())));
    JWTClaimsSet alice = claims("alice", IN_AN_HOUR, null);

    assertThat(verifier.verify(TestTokens.rs256(rsa, "rsa-2026", alice), NOW).nick()).isEqualTo("alice");
    assertThat(verifier.verify(TestTokens.es256(ec, "ec-2026", alice), NOW).nick()).isEqualTo("alice");
    assertThat(verifier.verify(TestTokens.rs256(rsa, null, alice), NOW).nick())
        .as("one RSA key: no kid needed").isEqualTo("alice");
    assertRefused(verifier, TestTokens.rs256(rsa, "rsa-2025", alice), NOW, "no key of this server has the token's kid");
    assertRefused(verifier, TestTokens.rs256(otherRsa, "rsa-2026", alice), NOW,
        "the token is not signed by a configured key");
  }

  @Test
  void aJwksOfSeveralKeysOfOneTypeNeedsAKid() {
    JWKSet set = new JWKSet(List.of(new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("a").build(),
        new RSAKey.Builder((RSAPublicKey) otherRsa.getPublic()).keyID("b").build()));
    TokenVerifier verifier = TokenVerifier.of(TokenConfig.jwks(TestTokens.write(dir.resolve("keys.json"), set.toString())));

    assertRefused(verifier, TestTokens.rs256(rsa, null, claims("alice", IN_AN_HOUR, null)), NOW,
        "the token names no kid and several keys of this server could have signed it");
  }

  @Test
  void theClaimsMustMakeASession() {
    TokenVerifier verifier = TokenVerifier.of(TokenConfig.secret(TestTokens.secretFile(dir))
        .withIssuerAndAudience("https://app.example", "netchat"));
    JWTClaimsSet.Builder good = new JWTClaimsSet.Builder(claims("alice", IN_AN_HOUR, null))
        .issuer("https://app.example").audience("netchat");

    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).subject(null)), NOW, "the token has no sub");
    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).subject("9lives")), NOW,
        "the token's sub is not a valid nick");
    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).expirationTime(null)), NOW, "the token has no exp");
    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).notBeforeTime(Date.from(NOW.plusSeconds(60)))),
        NOW, "the token is not valid yet (nbf)");
    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).issuer("https://evil.example")), NOW,
        "the token's iss is not the configured issuer");
    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).audience("other")), NOW,
        "the token's aud does not name this server");
    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).claim("rooms", "lobby")), NOW,
        "the token's rooms claim is not a list of room names");
    assertRefused(verifier, token(new JWTClaimsSet.Builder(good.build()).claim("rooms", List.of("lobby", "bad room"))),
        NOW, "the token's rooms claim holds something that is no room name");
  }

  @Test
  void aKeyFileThatCannotServeStopsStartUpWithoutShowingTheSecret() {
    Path shortSecret = TestTokens.write(dir.resolve("short"), "tooshort-but-secret\n");
    assertThatThrownBy(() -> TokenVerifier.of(TokenConfig.secret(shortSecret)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.token.secret_file")
        .hasMessageContaining("the secret is 19 bytes; HS256 needs at least 32")
        .hasMessageNotContaining("tooshort");
    assertThatThrownBy(() -> TokenVerifier.of(TokenConfig.secret(dir.resolve("missing"))))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> TokenVerifier.of(TokenConfig.publicKey(TestTokens.write(dir.resolve("k.pem"), "hello"))))
        .hasMessageContaining("auth.token.public_key_file").hasMessageContaining("expected a PEM public key");
    String withPrivate = new JWKSet(new RSAKey.Builder((RSAPublicKey) rsa.getPublic())
        .privateKey((RSAPrivateKey) rsa.getPrivate()).keyID("k").build()).toString(false);
    assertThatThrownBy(() -> TokenVerifier.of(TokenConfig.jwks(TestTokens.write(dir.resolve("k.json"), withPrivate))))
        .hasMessageContaining("holds a private key");
  }

  @Test
  void theConfigRefusesNoneAndMixedKeySources() {
    assertThatThrownBy(() -> TokenConfig.secret(dir.resolve("s")).withAlgorithms(List.of("none")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("algorithms").hasMessageContaining("never none");
    assertThatThrownBy(() -> TokenConfig.secret(dir.resolve("s")).withAlgorithms(List.of("RS256")))
        .hasMessageContaining("HS256, HS384 or HS512 with secret_file");
    assertThatThrownBy(() -> TokenConfig.defaults().withKeys("a", "b", null))
        .hasMessageContaining("name one of secret_file, public_key_file, jwks_file");
    assertThat(TokenConfig.defaults().enabled()).isFalse();
    assertThat(TokenVerifier.of(TokenConfig.defaults())).isNull();
    assertThat(TokenConfig.HMAC).isEqualTo(Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512));
  }

  private static String token(JWTClaimsSet.Builder claims) {
    return TestTokens.hs256(TestTokens.SECRET, claims.build());
  }

  private static void assertRefused(TokenVerifier verifier, String token, Instant now, String reason) {
    assertThatThrownBy(() -> verifier.verify(token, now)).isInstanceOf(TokenRefused.class).hasMessage(reason);
  }
}
