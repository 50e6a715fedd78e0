package io.netchat.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/**
 * Checks EdDSA (Ed25519) signatures with the JDK's own provider: nimbus' {@code Ed25519Verifier}
 * needs Google Tink, which this server does not ship.
 */
final class EdDsaVerifier implements JWSVerifier {
  private final PublicKey key;
  private final JCAContext jca = new JCAContext();

  /** @param key an Ed25519 public key of the JDK ({@code KeyFactory "Ed25519"}) */
  EdDsaVerifier(PublicKey key) {
    this.key = key;
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
    if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
      return false;
    }
    try {
      Signature check = Signature.getInstance("Ed25519");
      check.initVerify(key);
      check.update(signingInput);
      return check.verify(signature.decode());
    } catch (GeneralSecurityException e) {
      return false; // a signature of the wrong length or form is no signature of this key
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA);
  }

  @Override
  public JCAContext getJCAContext() {
    return jca;
  }
}
