package io.netchat.bench.scenario;

import io.netchat.bench.load.Protocol;
import java.util.Locale;

/** A server the bench measures. */
public enum Target {
  /** The netchat daemon. */
  NETCHAT(Protocol.NETCHAT, false),
  /** The netchat daemon on a TLS listener ({@code --tls}), measured beside plaintext netchat. */
  NETCHAT_TLS(Protocol.NETCHAT, true),
  /** The minimal fan-out server of this module: the ceiling. */
  BASELINE(Protocol.BASELINE, false);

  private final Protocol protocol;
  private final boolean tls;

  Target(Protocol protocol, boolean tls) {
    this.protocol = protocol;
    this.tls = tls;
  }

  /** Whether this is the netchat daemon (plaintext or TLS). */
  public boolean isNetchat() {
    return protocol == Protocol.NETCHAT;
  }

  /** Whether the generator speaks TLS to it. */
  public boolean tls() {
    return tls;
  }

  /** What the generator speaks to it. */
  public Protocol protocol() {
    return protocol;
  }

  /** The name used in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
