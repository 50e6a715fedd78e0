package io.netchat.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The netchat config a scenario needs (format: {@code config/server.yaml}). The server's defaults
 * protect it from abuse — per-connection rate limit, connections per address, members per room,
 * rooms created per address —
 * and a benchmark must lift them to offer its load at all. Every other setting keeps its default.
 * The command line's {@code --host}/{@code --port} replace the listener's. The store is the memory
 * one, as before the daemon kept state on disk, so results stay comparable and no run leaves a
 * database behind; measure the sqlite store with {@code --server-config}.
 */
final class NetchatConfig {
  /** The framing and codec of an IRC listener. */
  static final String IRC = "irc";

  private NetchatConfig() {}

  /** Writes the config for {@code connections} connections in rooms of {@code members} and returns its path. */
  static Path write(Path directory, String scenario, String framing, String codec, int connections, int members)
      throws IOException {
    return write(directory, scenario, framing, codec, connections, members, null);
  }

  /** As above, with a TLS listener using {@code tls} unless it is null. */
  static Path write(Path directory, String scenario, String framing, String codec, int connections, int members,
      BenchCertificate tls) throws IOException {
    return write(directory, scenario, framing, codec, connections, members, tls, Map.of());
  }

  /**
   * As above, with {@code sections} (flow-style YAML by top-level key) replacing the bench's own
   * section of that key ({@code store}) or added after them ({@code transport}, {@code admin}, …).
   */
  static Path write(Path directory, String scenario, String framing, String codec, int connections, int members,
      BenchCertificate tls, Map<String, String> sections) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(scenario + "-netchat.yaml");
    Files.writeString(file, yaml(framing, codec, connections, members, tls, sections));
    return file;
  }

  /** The YAML text. */
  static String yaml(String framing, String codec, int connections, int members) {
    return yaml(framing, codec, connections, members, null);
  }

  /** The YAML text, with a TLS listener unless {@code tls} is null. */
  static String yaml(String framing, String codec, int connections, int members, BenchCertificate tls) {
    return yaml(framing, codec, connections, members, tls, Map.of());
  }

  /** The YAML text with {@code sections} replacing or added to the bench's own top-level sections. */
  static String yaml(String framing, String codec, int connections, int members, BenchCertificate tls,
      Map<String, String> sections) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("store", "{type: memory}");
    all.putAll(sections);
    StringBuilder text = new StringBuilder(base(framing, codec, connections, members, tls));
    all.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
    return text.toString();
  }

  private static String base(String framing, String codec, int connections, int members, BenchCertificate tls) {
    String tlsLine = tls == null ? "" : "\n    tls: {cert: '" + tls.cert().toAbsolutePath() + "', key: '"
        + tls.key().toAbsolutePath() + "'}";
    int maxConnections = connections + 1000;
    // Every room of a run is created from 127.0.0.x in its first seconds.
    int maxRooms = Math.max(connections, 10_000);
    return """
        # Written by netchat-bench: lifts the abuse limits so that the offered load reaches the server.
        listeners:
          - host: 127.0.0.1
            port: 0
            framing: %s
            codec: %s%s
        limits:
          max_connections: %d
          max_connections_per_ip: %d
          max_members_per_room: %d
          max_rooms: %d
          messages_per_second: 1000000
          burst: 1000000
          room_creations_per_minute: %d
          room_creation_burst: %d
        """.formatted(framing, codec, tlsLine, maxConnections, maxConnections, Math.max(members, 1000),
        Math.max(connections, 10_000), maxRooms, maxRooms);
  }
}
