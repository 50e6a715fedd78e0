package io.netchat.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The netchat config a scenario needs (format: {@code config/server.yaml}). The server's defaults
 * protect it from abuse — per-connection rate limit, connections per address, members per room —
 * and a benchmark must lift them to offer its load at all. Every other setting keeps its default.
 * The command line's {@code --host}/{@code --port} replace the listener's.
 */
final class NetchatConfig {
  private NetchatConfig() {}

  /** Writes the config for {@code connections} connections in rooms of {@code members} and returns its path. */
  static Path write(Path directory, String scenario, String framing, String codec, int connections, int members)
      throws IOException {
    return write(directory, scenario, framing, codec, connections, members, null);
  }

  /** As above, with a TLS listener using {@code tls} unless it is null. */
  static Path write(Path directory, String scenario, String framing, String codec, int connections, int members,
      BenchCertificate tls) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(scenario + "-netchat.yaml");
    String yaml = yaml(framing, codec, connections, members);
    if (tls != null) {
      yaml = yaml.replace("            codec: " + codec + "\n", "            codec: " + codec + "\n"
          + "            tls: {cert: '" + tls.cert() + "', key: '" + tls.key() + "'}\n");
    }
    Files.writeString(file, yaml);
    return file;
  }

  /** The YAML text. */
  static String yaml(String framing, String codec, int connections, int members) {
    int maxConnections = connections + 1000;
    return """
        # Written by netchat-bench: lifts the abuse limits so that the offered load reaches the server.
        listeners:
          - host: 127.0.0.1
            port: 0
            framing: %s
            codec: %s
        limits:
          max_connections: %d
          max_connections_per_ip: %d
          max_members_per_room: %d
          max_rooms: %d
          messages_per_second: 1000000
          burst: 1000000
        """.formatted(framing, codec, maxConnections, maxConnections, Math.max(members, 1000),
        Math.max(connections, 10_000));
  }
}
