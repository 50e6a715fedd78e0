package io.netchat.server.irc;

import io.netchat.codec.Capability;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IRCv3 capabilities the listener offers ({@code CAP LS}), each with its 302 value. Only what
 * the listener really does is listed; a capability a later version implements is added here.
 */
final class IrcCaps {
  static final String ECHO_MESSAGE = "echo-message";
  static final String MESSAGE_TAGS = "message-tags";
  static final String SASL = "sasl";
  static final String SERVER_TIME = "server-time";
  static final String CAP_NOTIFY = "cap-notify";

  /** Name → value for {@code CAP LS 302} (empty: none), in the order listed. */
  static final Map<String, String> OFFERED = offered();

  /** What an IRC session asks netchat for: every room event IRC can render (KICK, NICK). */
  static final List<String> NETCHAT_CAPS = List.of(Capability.EVENTS.wireName(), Capability.NICK.wireName());

  private IrcCaps() {}

  private static Map<String, String> offered() {
    Map<String, String> caps = new LinkedHashMap<>();
    caps.put(CAP_NOTIFY, "");
    caps.put(ECHO_MESSAGE, "");
    caps.put(MESSAGE_TAGS, "");
    caps.put(SASL, "PLAIN");
    caps.put(SERVER_TIME, "");
    return Collections.unmodifiableMap(caps);
  }

  /** The {@code CAP LS} list: with values for 302 and later. */
  static String list(int version) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> cap : OFFERED.entrySet()) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(cap.getKey());
      if (version >= 302 && !cap.getValue().isEmpty()) {
        out.append('=').append(cap.getValue());
      }
    }
    return out.toString();
  }
}
