package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Durations;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each validation rule: the YAML that breaks it, the key path named, and text from the message. */
class ConfigValidationTest {
  private final ConfigLoader loader = new ConfigLoader(CodecRegistry.load());

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        // unknown keys (typos)
        rule("server_nmae: x", "server_nmae", "unknown key; known keys: server_name"),
        rule("limits: {max_frame_lenght: 10}", "limits.max_frame_lenght", "known keys under limits: max_frame_length"),
        rule("listeners: [{host: 127.0.0.1, prot: 1}]", "listeners[0].prot", "known keys under listeners[0]: host, port"),
        rule("timeouts: {grace: 1s}", "timeouts.grace", "shutdown_grace"),
        rule("logging: {file: x.log}", "logging.file", "known keys under logging: level"),
        // wrong types
        rule("server_name: 42", "server_name", "42: expected a non-empty string"),
        rule("server_name: '  '", "server_name", "expected a non-empty string"),
        rule("listeners: [{port: \"7777\"}]", "listeners[0].port", "\"7777\": expected an integer from 0 to 65535"),
        rule("listeners: [{port: 7777.5}]", "listeners[0].port", "7777.5: expected an integer from 0 to 65535"),
        rule("listeners: {host: 0.0.0.0}", "listeners", "expected a list of at least one mapping"),
        rule("listeners: []", "listeners", "expected a list of at least one mapping"),
        rule("listeners: [7777]", "listeners[0]", "expected a mapping"),
        rule("limits: 5", "limits", "expected a mapping"),
        rule("limits: {burst: many}", "limits.burst", "\"many\": expected a positive integer"),
        rule("limits: {max_frame_length: 3000000000}", "limits.max_frame_length", "3000000000: expected a positive integer"),
        rule("- a\n- b", "", "must be a YAML mapping"),
        // ports
        rule("listeners: [{port: 65536}]", "listeners[0].port", "65536: expected an integer from 0 to 65535"),
        rule("listeners: [{port: -1}]", "listeners[0].port", "-1: expected an integer from 0 to 65535"),
        // framing and codec
        rule("listeners: [{framing: websocket}]", "listeners[0].framing", "\"websocket\": expected one of length, line, irc"),
        rule("listeners: [{codec: xml}]", "listeners[0].codec", "\"xml\": expected one of irc, json, cbor"),
        rule("listeners: [{framing: line, codec: cbor}]", "listeners[0].codec",
            "\"cbor\": a binary codec cannot use the line framing"),
        rule("listeners: [{framing: irc, codec: json}]", "listeners[0].codec",
            "\"json\": framing: irc and codec: irc go only together"),
        rule("listeners: [{framing: line, codec: irc}]", "listeners[0].framing",
            "\"line\": framing: irc and codec: irc go only together"),
        // tls
        rule("listeners: [{tls: {cert: a.crt}}]", "listeners[0].tls.key", "expected a non-empty string"),
        rule("listeners: [{tls: {key: a.key}}]", "listeners[0].tls.cert", "expected a non-empty string"),
        rule("listeners: [{tls: {cert: a.crt, key: a.key, client_auth: REQUIRE, ca: ca.crt}}]",
            "listeners[0].tls.client_auth", "expected one of none, optional, require"),
        rule("listeners: [{tls: {cert: a.crt, key: a.key, client_auth: require}}]", "listeners[0].tls.ca",
            "expected a non-empty string"),
        rule("listeners: [{tls: {cert: a.crt, key: a.key, ca: ca.crt}}]", "listeners[0].tls.ca",
            "set client_auth to optional or require"),
        rule("listeners: [{tls: {cert: a.crt, key: a.key, ciphers: all}}]", "listeners[0].tls.ciphers",
            "known keys under listeners[0].tls: cert, key, client_auth, ca"),
        rule("listeners: [{tls: true}]", "listeners[0].tls", "expected a mapping"),
        rule("listeners: [{tls: {cert: 42, key: a.key}}]", "listeners[0].tls.cert", "42: expected a value of type String"),
        // hosts: IP literals only
        rule("listeners: [{host: localhost}]", "listeners[0].host", "\"localhost\": expected an IPv4 or IPv6 address literal"),
        rule("listeners: [{host: 256.1.1.1}]", "listeners[0].host", "expected an IPv4 or IPv6 address literal"),
        rule("listeners: [{host: 'fe80::zz'}]", "listeners[0].host", "host names are not resolved"),
        // duplicates, also when spelled differently
        rule("listeners: [{port: 7000}, {port: 7000, framing: line}]", "listeners[1].port",
            "\"127.0.0.1:7000\": another listener already uses this address and port (listeners[0].port)"),
        rule("listeners: [{host: '::', port: 7000}, {host: '0:0:0:0:0:0:0:0', port: 7000}]", "listeners[1].port",
            "already uses this address and port"),
        rule("listeners: [{host: '::1', port: 7000}, {host: '::1', port: 7000}]", "listeners[1].port",
            "\"[::1]:7000\": another listener already uses this address and port"),
        // limits must be positive, water marks ordered
        rule("limits: {max_frame_length: 0}", "limits.max_frame_length", "0: expected a positive integer"),
        rule("limits: {history_size: -5}", "limits.history_size", "-5: expected a positive integer"),
        rule("limits: {max_outbound_bytes: 0}", "limits.max_outbound_bytes", "expected a positive integer"),
        // a full-length text must fit a frame: 4 bytes a character (code point) plus 512 for the rest
        rule("limits: {max_frame_length: 8192, max_text_length: 1921}", "limits.max_text_length",
            "1921: a message of this many characters may not fit a frame of limits.max_frame_length (8192) bytes:"
                + " allow 4 bytes per character plus 512 for the rest of the message, i.e. at most 1920 characters"),
        rule("limits: {outbound_low_water_mark: 300000, outbound_high_water_mark: 200000}",
            "limits.outbound_low_water_mark", "300000: must not exceed limits.outbound_high_water_mark (200000)"),
        rule("limits: {outbound_low_water_mark: 300000}", "limits.outbound_low_water_mark",
            "must not exceed limits.outbound_high_water_mark (262144)"),
        // durations
        rule("timeouts: {idle: 30}", "timeouts.idle", "30: expected a positive duration, " + Durations.FORM),
        rule("timeouts: {pong: 0s}", "timeouts.pong", "expected a positive duration"),
        rule("timeouts: {hello: 5 minutes}", "timeouts.hello", "\"5 minutes\""),
        rule("empty_room_retention: -1m", "empty_room_retention", "expected a duration"),
        // enums and counts
        rule("transport: kqueue", "transport", "\"kqueue\": expected one of auto, epoll, io_uring, nio"),
        rule("transport: EPOLL", "transport", "expected one of auto, epoll, io_uring, nio"),
        rule("io_threads: -1", "io_threads", "-1: expected an integer of at least 0"),
        rule("logging: {level: loud}", "logging.level", "expected one of trace, debug, info, warn, error, off"),
        // not YAML at all, or ambiguous YAML
        rule("limits: {burst: 1", "", "not valid YAML"),
        rule("io_threads: 1\nio_threads: 2", "", "not valid YAML"),
        // wrong types the records are asked about, and empty items
        rule("listeners: [~]", "listeners[0]", "expected a mapping"),
        rule("listeners: [{codec: 42}]", "listeners[0].codec", "42: expected one of irc, json, cbor"),
        rule("listeners: [{host: 42}]", "listeners[0].host", "42: expected an IPv4 or IPv6 address literal"),
        rule("logging: 5", "logging", "5: expected a mapping"),
        rule("server_name: true", "server_name", "true: expected a non-empty string"),
        rule("limits: {burst: 1.0}", "limits.burst", "1.0: expected a positive integer"),
        rule("limits: {max_outbound_bytes: 99999999999999999999}", "limits.max_outbound_bytes",
            "99999999999999999999: expected a positive integer"),
        rule("empty_room_retention: 0", "empty_room_retention", "0: expected a duration"),
        rule("nested: {a: 1}", "nested", "unknown key; known keys: server_name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void aBadValueStopsStartUpNamingTheKeyAndWhatIsAllowed(String yaml, String key, String messagePart) {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml));

    assertThat(error).as("no error for %s", yaml).isNotNull();
    assertThat(error.key()).isEqualTo(key);
    assertThat(error.getMessage()).startsWith(key).contains(messagePart);
  }

  private static Arguments rule(String yaml, String key, String messagePart) {
    return Arguments.of(yaml, key, messagePart);
  }
}
