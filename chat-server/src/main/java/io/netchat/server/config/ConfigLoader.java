package io.netchat.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code server.yaml} over {@link DaemonConfig#defaults()}: every key is optional, keys are
 * the snake_case names of the config records, and any bad value fails with a
 * {@link ConfigException} that names the key path, the value and what is allowed.
 */
public final class ConfigLoader {
  private static final int MAX_PORT = 65_535;

  private final YAMLMapper yaml = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private final CodecRegistry codecs;

  /** A loader that accepts the codecs of {@code codecs}. */
  public ConfigLoader(CodecRegistry codecs) {
    this.codecs = codecs;
  }

  /** Loads {@code file}; problems, including an unreadable file, are {@link ConfigException}s naming it. */
  public DaemonConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", null, "no such file").in(file.toString());
    } catch (IOException e) {
      throw new ConfigException("", null, "cannot read the file: " + e.getMessage()).in(file.toString());
    }
    try {
      return parse(text);
    } catch (ConfigException e) {
      throw e.in(file.toString());
    }
  }

  /** Parses YAML text; an empty text is the defaults. */
  public DaemonConfig parse(String text) {
    JsonNode document;
    try {
      document = yaml.readTree(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new ConfigException("", null, "not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    ConfigNode root = ConfigNode.root(document);
    ServerConfig server = server(root);
    LoggingConfig logging = root.section("logging").map(ConfigLoader::logging).orElse(LoggingConfig.defaults());
    root.rejectUnknownKeys();
    return new DaemonConfig(server, logging);
  }

  private ServerConfig server(ConfigNode root) {
    ServerConfig defaults = ServerConfig.defaults();
    String serverName = root.string("server_name", defaults.serverName());
    List<ListenerConfig> listeners = root.sections("listeners").map(this::listeners).orElse(defaults.listeners());
    LimitsConfig limits = root.section("limits").map(ConfigLoader::limits).orElse(defaults.limits());
    TimeoutsConfig timeouts = root.section("timeouts").map(ConfigLoader::timeouts).orElse(defaults.timeouts());
    Transport transport = Transport.valueOf(root.choice("transport",
        defaults.transport().name().toLowerCase(Locale.ROOT), transportNames()).toUpperCase(Locale.ROOT));
    int ioThreads = root.integer("io_threads", defaults.ioThreads(), 0, Integer.MAX_VALUE);
    Duration retention = root.duration("empty_room_retention", defaults.emptyRoomRetention(), true);
    MemoryConfig memory = root.section("memory").map(MemoryConfig::read).orElse(defaults.memory());
    return new ServerConfig(serverName, listeners, limits, timeouts, transport, ioThreads, retention, memory);
  }

  private List<ListenerConfig> listeners(List<ConfigNode> nodes) {
    List<ListenerConfig> listeners = new ArrayList<>();
    Map<String, String> boundBy = new HashMap<>();
    for (ConfigNode node : nodes) {
      ListenerConfig listener = listener(node);
      if (listener.port() != 0) {
        String address = Arrays.toString(IpLiterals.bytes(listener.host())) + ":" + listener.port();
        String earlier = boundBy.putIfAbsent(address, node.keyPath("port"));
        if (earlier != null) {
          throw new ConfigException(node.keyPath("port"), listener.host() + ":" + listener.port(),
              "another listener already uses this address and port (" + earlier + ")");
        }
      }
      listeners.add(listener);
    }
    return listeners;
  }

  private ListenerConfig listener(ConfigNode node) {
    String rawHost = node.string("host", ListenerConfig.DEFAULT_HOST);
    String host = IpLiterals.normalize(rawHost)
        .orElseThrow(() -> new ConfigException(node.keyPath("host"), rawHost, "expected " + IpLiterals.FORM));
    int port = node.integer("port", ListenerConfig.DEFAULT_PORT, 0, MAX_PORT);
    String framing = node.choice("framing", ListenerConfig.DEFAULT_FRAMING,
        Arrays.stream(Framing.values()).map(Framing::wireName).toList());
    String codec = node.choice("codec", ListenerConfig.DEFAULT_CODEC, codecs.names());
    if (Framing.byName(framing) == Framing.LINE && codecs.get(codec).binary()) {
      throw new ConfigException(node.keyPath("codec"), codec, "a binary codec cannot use the line framing;"
          + " use framing: length, or a text codec such as json");
    }
    node.rejectUnknownKeys();
    return new ListenerConfig(host, port, framing, codec);
  }

  private static LimitsConfig limits(ConfigNode node) {
    LimitsConfig d = LimitsConfig.defaults();
    int max = Integer.MAX_VALUE;
    LimitsConfig limits = new LimitsConfig(
        node.integer("max_frame_length", d.maxFrameLength(), 1, max),
        node.integer("max_text_length", d.maxTextLength(), 1, max),
        node.integer("max_rooms", d.maxRooms(), 1, max),
        node.integer("max_members_per_room", d.maxMembersPerRoom(), 1, max),
        node.integer("max_rooms_per_session", d.maxRoomsPerSession(), 1, max),
        node.integer("max_connections", d.maxConnections(), 1, max),
        node.integer("max_connections_per_ip", d.maxConnectionsPerIp(), 1, max),
        node.integer("history_size", d.historySize(), 1, max),
        node.integer("max_history_per_request", d.maxHistoryPerRequest(), 1, max),
        node.integer("outbound_high_water_mark", d.outboundHighWaterMark(), 1, max),
        node.integer("outbound_low_water_mark", d.outboundLowWaterMark(), 1, max),
        node.longInteger("max_outbound_bytes", d.maxOutboundBytes(), 1, Long.MAX_VALUE),
        node.integer("messages_per_second", d.messagesPerSecond(), 1, max),
        node.integer("burst", d.burst(), 1, max),
        node.integer("flood_disconnect_after", d.floodDisconnectAfter(), 1, max));
    node.rejectUnknownKeys();
    if (limits.outboundLowWaterMark() > limits.outboundHighWaterMark()) {
      throw new ConfigException(node.keyPath("outbound_low_water_mark"), limits.outboundLowWaterMark(),
          "must not exceed limits.outbound_high_water_mark (" + limits.outboundHighWaterMark() + ")");
    }
    return limits;
  }

  private static TimeoutsConfig timeouts(ConfigNode node) {
    TimeoutsConfig d = TimeoutsConfig.defaults();
    TimeoutsConfig timeouts = new TimeoutsConfig(
        node.duration("hello", d.hello(), false),
        node.duration("idle", d.idle(), false),
        node.duration("pong", d.pong(), false),
        node.duration("shutdown_grace", d.shutdownGrace(), false));
    node.rejectUnknownKeys();
    return timeouts;
  }

  private static LoggingConfig logging(ConfigNode node) {
    LoggingConfig logging = new LoggingConfig(node.choice("level", LoggingConfig.DEFAULT_LEVEL, LoggingConfig.LEVELS));
    node.rejectUnknownKeys();
    return logging;
  }

  private static List<String> transportNames() {
    return Arrays.stream(Transport.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
  }
}
