package io.netchat.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Keys, key files and tokens for the token tests: what an application's side would make. */
public final class TestTokens {
  /** A 64-byte secret (HS256 to HS512), as {@code openssl rand -base64 48} writes it (plus a line end in the file). */
  public static final byte[] SECRET = "k3Jq9vX2mR7tY4wB8nC1dA6sF0gH5jL3pQ9zE2uW7iO4xV8bN2mQ5rT1yU6iP3aS"
      .getBytes(StandardCharsets.US_ASCII);

  private TestTokens() {}

  /** Claims for {@code sub} that expire at {@code exp}, with a {@code rooms} claim when {@code rooms} is not null. */
  public static JWTClaimsSet claims(String sub, Instant exp, List<String> rooms) {
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(sub).expirationTime(Date.from(exp));
    if (rooms != null) {
      builder.claim("rooms", rooms);
    }
    return builder.build();
  }

  public static String hs256(byte[] secret, JWTClaimsSet claims) {
    return sign(JWSAlgorithm.HS256, null, macSigner(secret), claims);
  }

  public static JWSSigner macSigner(byte[] secret) {
    try {
      return new MACSigner(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  public static String rs256(KeyPair rsa, String kid, JWTClaimsSet claims) {
    return sign(JWSAlgorithm.RS256, kid, new RSASSASigner((RSAPrivateKey) rsa.getPrivate()), claims);
  }

  public static String es256(KeyPair ec, String kid, JWTClaimsSet claims) {
    try {
      return sign(JWSAlgorithm.ES256, kid, new ECDSASigner((ECPrivateKey) ec.getPrivate()), claims);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An EdDSA (Ed25519) token, signed with the JDK as an application without Tink would. */
  public static String eddsa(KeyPair ed, JWTClaimsSet claims) {
    String input = part("{\"alg\":\"EdDSA\"}") + "." + part(claims.toString());
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(ed.getPrivate());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64URL.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims as an unsecured JWT: {@code alg: none}, no signature. */
  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /** {@code token} with {@code claims} in place of its own, the signature kept: a forgery. */
  public static String withClaims(String token, JWTClaimsSet claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + part(claims.toString()) + "." + parts[2];
  }

  public static KeyPair rsa() {
    return generate("RSA", 2048);
  }

  public static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ed25519() {
    return generate("Ed25519", 0);
  }

  /** {@code key} as a PEM public key ({@code openssl pkey -pubout}). */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  public static Path write(Path file, String content) {
    return write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  public static Path write(Path file, byte[] content) {
    try {
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shared secret in a file, with the line end {@code echo} or {@code openssl rand} leaves. */
  public static Path secretFile(Path dir) {
    byte[] line = new byte[SECRET.length + 1];
    System.arraycopy(SECRET, 0, line, 0, SECRET.length);
    line[SECRET.length] = '\n';
    return write(dir.resolve("token-secret"), line);
  }

  private static String part(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static KeyPair generate(String type, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
      if (bits > 0) {
        generator.initialize(bits);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
