package io.netchat.client.cli;

import io.netchat.codec.ClientMessage;
import java.util.List;

/**
 * The IRC-style flags of {@code /mode}: {@code +i}/{@code -i} invite-only, {@code +k KEY}/{@code -k}
 * key, {@code +m}/{@code -m} moderated, {@code +t}/{@code -t} topic locked, {@code +s}/{@code -s}
 * secret, {@code +l N}/{@code -l} member limit. Flags combine ({@code +mt-s}); a flag that takes
 * an argument takes the next word.
 */
final class ModeFlags {
  private ModeFlags() {}

  /** The {@code mode} command the words after {@code /mode} stand for, in {@code room}. */
  static ClientMessage.Mode parse(String room, List<String> words) {
    Boolean inviteOnly = null;
    String key = null;
    Boolean moderated = null;
    Boolean topicLocked = null;
    Boolean secret = null;
    Integer limit = null;
    int next = 0;
    while (next < words.size()) {
      String flags = words.get(next++);
      if (flags.length() < 2 || flags.charAt(0) != '+' && flags.charAt(0) != '-') {
        throw new IllegalArgumentException("mode flags start with + or -, e.g. /mode +m or /mode +k secret; not "
            + TerminalText.escape(flags));
      }
      boolean on = true;
      for (char c : flags.toCharArray()) {
        switch (c) {
          case '+' -> on = true;
          case '-' -> on = false;
          case 'i' -> inviteOnly = on;
          case 'm' -> moderated = on;
          case 't' -> topicLocked = on;
          case 's' -> secret = on;
          case 'k' -> key = on ? argument(words, next++, "+k takes the key") : "";
          case 'l' -> limit = on ? number(argument(words, next++, "+l takes the member limit")) : 0;
          default -> throw new IllegalArgumentException("unknown mode flag " + TerminalText.escape(String.valueOf(c))
              + " (i, k, m, t, s, l)");
        }
      }
    }
    return new ClientMessage.Mode(null, room, inviteOnly, key, moderated, topicLocked, secret, limit);
  }

  private static String argument(List<String> words, int index, String missing) {
    if (index >= words.size()) {
      throw new IllegalArgumentException(missing);
    }
    return words.get(index);
  }

  private static int number(String word) {
    try {
      return Integer.parseInt(word);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the member limit must be a number: " + TerminalText.escape(word));
    }
  }
}
