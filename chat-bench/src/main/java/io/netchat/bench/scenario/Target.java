package io.netchat.bench.scenario;

import io.netchat.bench.load.Protocol;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A server the bench measures, and what the generator speaks to it. */
public enum Target {
  /** The netchat daemon. */
  NETCHAT(Server.NETCHAT, Protocol.NETCHAT, false),
  /** The netchat daemon on a TLS listener ({@code --tls}), measured beside plaintext netchat. */
  NETCHAT_TLS(Server.NETCHAT, Protocol.NETCHAT, true),
  /** The netchat daemon on an IRC listener ({@code framing: irc}, {@code codec: irc}). */
  NETCHAT_IRC(Server.NETCHAT, Protocol.IRC, false),
  /** The minimal fan-out server of this module: the ceiling. */
  BASELINE(Server.BASELINE, Protocol.BASELINE, false),
  /** ngIRCd, a C IRC server (Debian package {@code ngircd}): what an IRC listener is measured against. */
  NGIRCD(Server.NGIRCD, Protocol.IRC, false);

  /** The program a target runs. */
  public enum Server {
    /** {@code chat-server}'s daemon jar. */
    NETCHAT,
    /** {@code netchat-bench baseline-server}. */
    BASELINE,
    /** {@code /usr/sbin/ngircd} or {@code --ngircd}. */
    NGIRCD
  }

  private final Server server;
  private final Protocol protocol;
  private final boolean tls;

  Target(Server server, Protocol protocol, boolean tls) {
    this.server = server;
    this.protocol = protocol;
    this.tls = tls;
  }

  /** The target named {@code label} ({@code netchat}, {@code netchat-irc}, {@code ngircd}, …). */
  public static Target byLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown target '" + label + "'; known: "
            + Arrays.stream(values()).map(Target::label).collect(Collectors.joining(", ")) + ", both"));
  }

  /** This target spoken to in IRC: netchat's IRC listener for netchat; IRC targets stay as they are. */
  public Target overIrc() {
    return switch (this) {
      case NETCHAT, NETCHAT_IRC -> NETCHAT_IRC;
      case NGIRCD -> NGIRCD;
      case BASELINE, NETCHAT_TLS -> throw new IllegalArgumentException(label()
          + " cannot be spoken to in IRC; --protocol irc takes --target netchat, netchat-irc or ngircd");
    };
  }

  /**
   * ngIRCd listens with a backlog of 10 connections: a larger burst of connects loses SYNs, and
   * those wait out the kernel's retransmits past the generator's connect timeout.
   */
  static final int NGIRCD_CONNECTS_AT_ONCE = 8;

  /**
   * Of {@code inFlight} handshakes, how many may be in their TCP connect at once: all of them,
   * except for ngIRCd.
   */
  public int connectsAtOnce(int inFlight) {
    return server == Server.NGIRCD ? Math.min(inFlight, NGIRCD_CONNECTS_AT_ONCE) : inFlight;
  }

  /** Whether this is the netchat daemon (on any listener). */
  public boolean isNetchat() {
    return server == Server.NETCHAT;
  }

  /** The program it runs. */
  public Server server() {
    return server;
  }

  /** Whether the generator speaks TLS to it. */
  public boolean tls() {
    return tls;
  }

  /** What the generator speaks to it. */
  public Protocol protocol() {
    return protocol;
  }

  /** The name used in reports and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
