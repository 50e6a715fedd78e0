package io.netchat.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config ngIRCd runs with as a bench target: it listens on the bench's loopback port only,
 * answers without PAM, ident or DNS lookups (which would add their own waits to every login), and
 * has no connection, per-address or channel limits, so that thousands of clients from 127.0.0.x
 * can join one channel. A one-line MOTD needs no file. It exits by itself 10 s after its last
 * client left ({@code IdleTimeout}), so a generator that dies cannot leave it running. Its flood
 * control stays ngIRCd's default,
 * as deployed: a client's commands are spaced out by a penalty (about one a second once its
 * burst is spent), so a publisher sends at most one message a second.
 */
public final class NgircdConfig {
  /** Where Debian's {@code ngircd} package installs the daemon. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/ngircd");

  private NgircdConfig() {}

  /** Whether {@code binary} is there to run. */
  public static boolean installed(Path binary) {
    return Files.isExecutable(binary);
  }

  /** Writes {@code ngircd.conf} for {@code address} into {@code directory} and returns its path. */
  public static Path write(Path directory, InetSocketAddress address) throws IOException {
    Path file = directory.resolve("ngircd.conf");
    Files.writeString(file, text(address));
    return file;
  }

  /** The config text. */
  static String text(InetSocketAddress address) {
    return """
        # Written by netchat-bench: ngIRCd as a fan-out target on loopback.
        [Global]
        \tName = netchat-bench.invalid
        \tInfo = netchat-bench fan-out target
        \tAdminInfo1 = netchat-bench
        \tAdminInfo2 = loopback benchmark run
        \tAdminEMail = bench@netchat-bench.invalid
        \tListen = %s
        \tPorts = %d
        \tMotdPhrase = netchat-bench
        [Limits]
        \tMaxConnections = 0
        \tMaxConnectionsIP = 0
        \tMaxJoins = 0
        \tMaxListSize = 100000
        \tIdleTimeout = 10
        [Options]
        \tDNS = no
        \tIdent = no
        \tPAM = no
        """.formatted(address.getHostString(), address.getPort());
  }
}
