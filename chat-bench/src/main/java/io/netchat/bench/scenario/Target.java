package io.netchat.bench.scenario;

import io.netchat.bench.load.Protocol;
import java.util.Locale;

/** A server the bench measures. */
public enum Target {
  /** The netchat daemon. */
  NETCHAT(Protocol.NETCHAT),
  /** The minimal fan-out server of this module: the ceiling. */
  BASELINE(Protocol.BASELINE);

  private final Protocol protocol;

  Target(Protocol protocol) {
    this.protocol = protocol;
  }

  /** What the generator speaks to it. */
  public Protocol protocol() {
    return protocol;
  }

  /** The name used in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
