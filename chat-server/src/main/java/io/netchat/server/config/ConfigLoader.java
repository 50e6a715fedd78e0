package io.netchat.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.WireFormat;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code server.yaml} into a {@link DaemonConfig} with Jackson: keys are the snake_case
 * names of the config records' components, every key is optional (a missing or empty one takes
 * the record's {@code defaults()}), and the records check their own ranges. The server's keys
 * stand at the top level beside the daemon's sections. Any bad value fails with a
 * {@link ConfigException} that names the key path, the value and what is allowed.
 *
 * <p>A new section is a record with a {@code defaults()} and one component in
 * {@link ServerConfig} (or {@link DaemonConfig}); nothing here changes.
 */
public final class ConfigLoader {
  private static final String SERVER = "server";
  private static final List<String> DAEMON_SECTIONS =
      BindingErrors.keys(DaemonConfig.class).stream().filter(key -> !key.equals(SERVER)).toList();

  private final YAMLMapper yaml = ConfigMapper.create(); // thread-safe once built; one per loader
  private final CodecRegistry codecs;
  private final BindingErrors errors;

  /** A loader that accepts the codecs of {@code codecs}. */
  public ConfigLoader(CodecRegistry codecs) {
    this.codecs = codecs;
    this.errors = new BindingErrors(SERVER, DAEMON_SECTIONS, this::codecRule);
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
    ObjectNode document = shaped(read(text));
    DaemonConfig config;
    try {
      config = yaml.treeToValue(document, DaemonConfig.class);
    } catch (JacksonException e) {
      throw errors.describe(e, document);
    }
    checkListeners(config.server().listeners());
    return config;
  }

  private ObjectNode read(String text) {
    JsonNode document;
    try {
      document = yaml.readTree(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new ConfigException("", null, "not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    if (document == null || document.isNull() || document.isMissingNode()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!document.isObject()) {
      throw new ConfigException("", document, "the file must be a YAML mapping of settings (key: value)");
    }
    return withoutNulls((ObjectNode) document);
  }

  /** The file's top level as {@link DaemonConfig} is shaped: its sections, and the rest as {@code server}. */
  private static ObjectNode shaped(ObjectNode top) {
    ObjectNode daemon = top.objectNode();
    for (String section : DAEMON_SECTIONS) {
      JsonNode value = top.remove(section);
      if (value != null) {
        daemon.set(section, value);
      }
    }
    return daemon.set(SERVER, top);
  }

  /** {@code key:} with nothing after it means "the default", as a missing key does. */
  private static ObjectNode withoutNulls(ObjectNode node) {
    node.properties().removeIf(property -> property.getValue().isNull());
    node.forEach(ConfigLoader::nullsRemovedBelow);
    return node;
  }

  private static void nullsRemovedBelow(JsonNode node) {
    if (node instanceof ObjectNode object) {
      withoutNulls(object);
    } else if (node instanceof ArrayNode array) {
      array.forEach(ConfigLoader::nullsRemovedBelow);
    }
  }

  /** What the records cannot check alone: registered codecs, codec and framing together, one listener per address. */
  private void checkListeners(List<ListenerConfig> listeners) {
    Map<String, String> boundBy = new HashMap<>();
    for (int i = 0; i < listeners.size(); i++) {
      ListenerConfig listener = listeners.get(i);
      String key = "listeners[" + i + "]";
      if (!codecs.names().contains(listener.codec())) {
        throw new ConfigException(key + ".codec", listener.codec(), codecRule(List.of()).orElseThrow());
      }
      boolean ircFraming = Framing.byName(listener.framing()) == Framing.IRC;
      if (ircFraming != WireFormat.IRC.equals(listener.codec())) {
        throw new ConfigException(key + (ircFraming ? ".codec" : ".framing"),
            ircFraming ? listener.codec() : listener.framing(),
            "framing: irc and codec: irc go only together (an IRC listener speaks IRC both ways)");
      }
      if (Framing.byName(listener.framing()) == Framing.LINE && codecs.get(listener.codec()).binary()) {
        throw new ConfigException(key + ".codec", listener.codec(), "a binary codec cannot use the line framing;"
            + " use framing: length, or a text codec such as json");
      }
      if (listener.port() != 0) {
        String address = Arrays.toString(IpLiterals.bytes(listener.host())) + ":" + listener.port();
        String earlier = boundBy.putIfAbsent(address, key + ".port");
        if (earlier != null) {
          throw new ConfigException(key + ".port", NetUtil.toSocketAddressString(listener.host(), listener.port()),
              "another listener already uses this address and port (" + earlier + ")");
        }
      }
    }
  }

  /** At {@code listeners[i].codec} (or asked directly, with no path): the registered codecs. */
  private Optional<String> codecRule(List<String> path) {
    boolean codecKey = path.isEmpty()
        || path.size() == 3 && path.get(0).equals("listeners") && path.get(2).equals("codec");
    return codecKey ? Optional.of("expected one of " + String.join(", ", codecs.names())) : Optional.empty();
  }
}
