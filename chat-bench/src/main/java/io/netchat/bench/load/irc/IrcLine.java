package io.netchat.bench.load.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * One received IRC line, split as RFC 1459 and IRCv3 message-tags do:
 * {@code [@tags ][:source ]COMMAND[ params][ :trailing]}. Only what the generator's session needs
 * is kept; tags are not unescaped.
 *
 * @param tags the tags without the {@code @}, or empty
 * @param source the prefix without the {@code :}, or empty
 * @param command the command or three-digit numeric, as sent
 * @param params the middle parameters, then the trailing one if present
 */
public record IrcLine(String tags, String source, String command, List<String> params) {
  /**
   * The longest line read, CR LF excluded: 8,191 bytes of tags (IRCv3 message-tags) and the 510
   * of an RFC 1459 line.
   */
  public static final int MAX_BYTES = 8191 + 510;

  public IrcLine {
    params = List.copyOf(params);
  }

  /** Splits {@code line} (no CR LF); a line with no command gives an empty command. */
  public static IrcLine parse(String line) {
    int at = 0;
    String tags = "";
    if (line.startsWith("@")) {
      int space = spaceOrEnd(line, 0);
      tags = line.substring(1, space);
      at = skipSpaces(line, space);
    }
    String source = "";
    if (line.startsWith(":", at)) {
      int space = spaceOrEnd(line, at);
      source = line.substring(at + 1, space);
      at = skipSpaces(line, space);
    }
    int end = spaceOrEnd(line, at);
    String command = line.substring(at, end);
    at = skipSpaces(line, end);
    List<String> params = new ArrayList<>();
    while (at < line.length()) {
      if (line.charAt(at) == ':') {
        params.add(line.substring(at + 1));
        break;
      }
      end = spaceOrEnd(line, at);
      params.add(line.substring(at, end));
      at = skipSpaces(line, end);
    }
    return new IrcLine(tags, source, command, params);
  }

  /** Parameter {@code index}, or an empty string when there are fewer. */
  public String param(int index) {
    return index < params.size() ? params.get(index) : "";
  }

  /** The last parameter, or an empty string when there is none. */
  public String last() {
    return params.isEmpty() ? "" : params.get(params.size() - 1);
  }

  /** The numeric reply code, or -1 when the command is not a three-digit numeric. */
  public int numeric() {
    if (command.length() != 3) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < 3; i++) {
      char c = command.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + c - '0';
    }
    return value;
  }

  private static int spaceOrEnd(String line, int from) {
    int space = line.indexOf(' ', from);
    return space < 0 ? line.length() : space;
  }

  private static int skipSpaces(String line, int from) {
    while (from < line.length() && line.charAt(from) == ' ') {
      from++;
    }
    return from;
  }
}
