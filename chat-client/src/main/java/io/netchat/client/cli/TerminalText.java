package io.netchat.client.cli;

/**
 * Makes text from the wire safe to print on a terminal: every character that could move the
 * cursor, start an escape sequence or reorder the line is shown as a visible escape instead, so
 * that a message stays on its sender's line and cannot forge another one.
 *
 * <ul>
 *   <li>{@code \n}, {@code \r}, {@code \t} as those two characters; a backslash stays as it is;
 *   <li>every other C0 control, DEL and every C1 control as {@code \xNN} ({@code ESC} is {@code \x1b});
 *   <li>the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 *       U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) as
 *       {@code \}{@code uNNNN}.
 * </ul>
 *
 * Everything else, emoji and right-to-left letters included, is printed as it is. JSON output
 * does not go through here: it stays exact.
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every unsafe character escaped; {@code null} stays {@code null}. */
  static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (isControl(c)) {
            out.append(String.format("\\x%02x", (int) c));
          } else if (isBidiOrSeparator(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c) || isBidiOrSeparator(c)) {
        return i;
      }
    }
    return -1;
  }

  /** C0 (tab and newline included), DEL and C1. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  private static boolean isBidiOrSeparator(char c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
  }
}
