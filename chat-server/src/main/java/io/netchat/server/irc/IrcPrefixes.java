package io.netchat.server.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A member's role (PROTOCOL §17.1, capability {@code roles}) as its IRC prefix: {@code @} for
 * {@code owner} and {@code op}, {@code +} for {@code voice}, none for {@code member}
 * ({@code PREFIX=(ov)@+}). A netchat member holds one role, so it never has more than one prefix:
 * with {@code multi-prefix} or without, NAMES and WHO show the same.
 */
final class IrcPrefixes {
  private IrcPrefixes() {}

  /** The prefix of {@code role} ({@code ""} for none or null). */
  static String of(String role) {
    if (role == null) {
      return "";
    }
    return switch (role) {
      case "owner", "op" -> "@";
      case "voice" -> "+";
      default -> "";
    };
  }

  /** {@code nicks} with their prefixes, by {@code roles} (null: none known). */
  static List<String> names(List<String> nicks, Map<String, String> roles) {
    if (roles == null || roles.isEmpty()) {
      return nicks;
    }
    List<String> named = new ArrayList<>(nicks.size());
    for (String nick : nicks) {
      named.add(of(roles.get(nick)) + nick);
    }
    return named;
  }
}
