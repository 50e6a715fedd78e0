package io.netchat.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.Validation;
import io.netchat.server.room.Names;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a token (docs/PROTOCOL.md §16): a JWS in compact form whose algorithm the configuration
 * accepts ({@code none} never is), signed by one of the configured keys, with a {@code sub} that is a
 * valid nick, an {@code exp} not yet past (give or take {@code clock_skew}), an {@code nbf} (if any)
 * reached, the configured {@code iss} and {@code aud}, and a well-formed rooms claim. Thread-safe;
 * the signature check is CPU work (up to about a millisecond for ES256), so callers run it off the
 * event loops ({@link TokenWorkers}).
 */
public final class TokenVerifier {
  private final TokenConfig config;
  private final TokenKeys keys;
  private final Duration skew;

  private TokenVerifier(TokenConfig config, TokenKeys keys) {
    this.config = config;
    this.keys = keys;
    this.skew = config.clockSkew();
  }

  /**
   * The verifier of {@code config}, its key file read now; {@code null} when no key is named.
   * A file that cannot serve is a {@link io.netchat.server.config.ConfigException}.
   */
  public static TokenVerifier of(TokenConfig config) {
    return config.enabled() ? new TokenVerifier(config, TokenKeys.load(config)) : null;
  }

  /** What {@code token} says, if it logs anyone in at {@code now}; never quotes the token when refused. */
  public TokenClaims verify(String token, Instant now) throws TokenRefused {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new TokenRefused("not a signed JWT (JWS compact form; alg none is never accepted)");
    }
    try {
      if (!jwt.verify(keys.select(jwt.getHeader()))) {
        throw new TokenRefused("the token is not signed by a configured key");
      }
    } catch (JOSEException e) {
      throw new TokenRefused("the token's signature cannot be checked");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new TokenRefused("the token's claims are not a JSON object");
    }
    return new TokenClaims(subject(claims), checkTimes(claims, now), rooms(claims));
  }

  private static String subject(JWTClaimsSet claims) throws TokenRefused {
    String sub = claims.getSubject();
    if (sub == null) {
      throw new TokenRefused("the token has no sub");
    }
    try {
      return Validation.requireNick("sub", sub);
    } catch (ChatCodecException e) {
      throw new TokenRefused("the token's sub is not a valid nick");
    }
  }

  /** Checks exp, nbf, iss and aud; returns exp + skew, when the session must end. */
  private Instant checkTimes(JWTClaimsSet claims, Instant now) throws TokenRefused {
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new TokenRefused("the token has no exp");
    }
    Instant validUntil = exp.toInstant().plus(skew);
    if (!now.isBefore(validUntil)) {
      throw TokenRefused.pastExpiry();
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
      throw new TokenRefused("the token is not valid yet (nbf)");
    }
    if (config.issuer() != null && !config.issuer().equals(claims.getIssuer())) {
      throw new TokenRefused("the token's iss is not the configured issuer");
    }
    if (config.audience() != null && (claims.getAudience() == null || !claims.getAudience().contains(config.audience()))) {
      throw new TokenRefused("the token's aud does not name this server");
    }
    return validUntil;
  }

  /** The keys of the rooms the rooms claim names, or null when the token has none (any room). */
  private Set<String> rooms(JWTClaimsSet claims) throws TokenRefused {
    Object value = claims.getClaim(config.roomsClaim());
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list)) {
      throw new TokenRefused("the token's " + config.roomsClaim() + " claim is not a list of room names");
    }
    Set<String> keys = new HashSet<>();
    for (Object room : list) {
      try {
        keys.add(Names.key(Validation.requireRoom(config.roomsClaim(), room instanceof String name ? name : null)));
      } catch (ChatCodecException e) {
        throw new TokenRefused("the token's " + config.roomsClaim() + " claim holds something that is no room name");
      }
    }
    return keys;
  }
}
