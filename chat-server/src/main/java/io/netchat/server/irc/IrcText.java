package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import io.netchat.codec.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * Texts between IRC and netchat. Inbound, IRC formatting codes (bold, colour, italic, underline,
 * strike-through, monospace, reverse, reset) are stripped and any other control character netchat
 * refuses (PROTOCOL §5) is dropped, so a bold word never makes a {@code bad_request}; a CTCP
 * {@code ACTION} becomes an action. Outbound, a netchat text is cut into IRC lines at its line feeds
 * and wherever a line would pass 512 bytes, always between UTF-8 code points.
 */
public final class IrcText {
  /** The CTCP delimiter. */
  static final char CTCP = '\u0001';
  private static final String ACTION = CTCP + "ACTION";

  private IrcText() {}

  /** What a PRIVMSG or NOTICE text says for netchat: its text (formatting stripped) and whether it is an action. */
  record Inbound(String text, boolean action, boolean ctcp) {}

  /** Reads an IRC message text; {@code ctcp} is true for a CTCP request other than ACTION (not forwarded). */
  static Inbound in(String raw) {
    boolean action = false;
    if (raw.startsWith(ACTION) && (raw.length() == ACTION.length() || raw.charAt(ACTION.length()) == ' ')) {
      int end = raw.endsWith(String.valueOf(CTCP)) && raw.length() > ACTION.length() ? raw.length() - 1 : raw.length();
      raw = raw.substring(Math.min(ACTION.length() + 1, end), end);
      action = true;
    } else if (!raw.isEmpty() && raw.charAt(0) == CTCP) {
      return new Inbound("", false, true);
    }
    return new Inbound(strip(raw), action, false);
  }

  /** {@code text} without IRC formatting codes nor the control characters netchat refuses. */
  static String strip(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int skip = 0;
      if (c == '\u0003') { // colour: ^C[fg[,bg]], one or two digits each
        skip = 1 + digits(text, i + 1);
        if (skip > 1 && i + skip < text.length() && text.charAt(i + skip) == ','
            && digits(text, i + skip + 1) > 0) {
          skip += 1 + digits(text, i + skip + 1);
        }
      } else if (c == '\u0004') { // hex colour: ^D[RRGGBB[,RRGGBB]]
        skip = 1 + hex(text, i + 1);
        if (skip == 7 && i + skip < text.length() && text.charAt(i + skip) == ',' && hex(text, i + skip + 1) == 6) {
          skip += 7;
        }
      } else if (Validation.isForbiddenControl(c)) {
        skip = 1; // bold, italic, reset, …, and every other control character netchat refuses
      }
      if (skip > 0) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        i += skip - 1;
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static int digits(String text, int from) {
    int n = 0;
    while (n < 2 && from + n < text.length() && Character.isDigit(text.charAt(from + n)) && text.charAt(from + n) < 128) {
      n++;
    }
    return n;
  }

  private static int hex(String text, int from) {
    int n = 0;
    while (n < 6 && from + n < text.length() && Character.digit(text.charAt(from + n), 16) >= 0
        && text.charAt(from + n) < 128) {
      n++;
    }
    return n == 6 ? 6 : 0;
  }

  /**
   * Cuts {@code text} into the texts of IRC lines: at each line feed (empty lines are dropped: IRC
   * cannot send one), and so that each piece, wrapped as an action when {@code action}, fits in
   * {@code room} bytes of UTF-8. Never cuts inside a code point.
   */
  static List<String> out(String text, boolean action, int room) {
    int budget = Math.max(16, action ? room - ACTION.length() - 2 : room);
    List<String> pieces = new ArrayList<>(1);
    for (String line : text.split("\n", -1)) {
      int start = 0;
      while (start < line.length()) {
        int end = start;
        int bytes = 0;
        while (end < line.length()) {
          int cp = line.codePointAt(end);
          int size = IrcMessage.utf8Length(line, end, end + Character.charCount(cp));
          if (bytes + size > budget) {
            break;
          }
          bytes += size;
          end += Character.charCount(cp);
        }
        String piece = line.substring(start, end);
        pieces.add(action ? ACTION + " " + piece + CTCP : piece);
        start = end;
      }
    }
    if (pieces.isEmpty() && action) {
      pieces.add(ACTION + CTCP);
    }
    return pieces;
  }
}
