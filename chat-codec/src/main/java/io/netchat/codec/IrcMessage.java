package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One IRC line (RFC 1459 §2.3, IRCv3 message-tags): {@code [@tags] [:source] COMMAND params}, the
 * last parameter possibly a trailing one. Parsed from and written to the wire here; the meaning of
 * each command is the IRC listener's business.
 *
 * @param tags the message tags in wire order, unescaped ({@code ""} for a tag without value)
 * @param source the prefix without its {@code :}, or null
 * @param command the command, upper case, or a three-digit numeric
 * @param params the parameters, the trailing one last and unmarked
 */
public record IrcMessage(Map<String, String> tags, String source, String command, List<String> params) {
  /** Longest line without tags, its CRLF included (RFC 1459 §2.3). */
  public static final int MAX_LINE = 512;
  /** Longest tag section a client may send, its {@code @} and the space after it included (message-tags). */
  public static final int MAX_TAGS = 4096;
  /** Longest line the IRC frame decoder buffers, without its line end: tags plus the rest. */
  public static final int MAX_INPUT = MAX_TAGS + MAX_LINE - 2;
  /** Most parameters a line may hold (RFC 2812 §2.3.1). */
  public static final int MAX_PARAMS = 15;

  public IrcMessage {
    tags = tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("an IRC line needs a command");
    }
    params = List.copyOf(params);
  }

  /** A line without tags. */
  public static IrcMessage of(String source, String command, String... params) {
    return new IrcMessage(Map.of(), source, command, List.of(params));
  }

  /** This line with {@code tags} (null or empty: none). */
  public IrcMessage withTags(Map<String, String> newTags) {
    return new IrcMessage(newTags, source, command, params);
  }

  /** The parameter at {@code index}, or null when the line has fewer. */
  public String param(int index) {
    return index < params.size() ? params.get(index) : null;
  }

  /**
   * Parses one line (without its line end). Invalid UTF-8 was already replaced by U+FFFD when the
   * bytes became {@code line}.
   *
   * @throws ChatCodecException {@code too_large} for a tag section or rest over its limit,
   *     {@code bad_request} for a line without a command
   */
  public static IrcMessage parse(String line) {
    int at = 0;
    Map<String, String> tags = Map.of();
    if (line.startsWith("@")) {
      int space = line.indexOf(' ');
      int end = space < 0 ? line.length() : space;
      if (utf8Length(line, 0, end) + 1 > MAX_TAGS) {
        throw new ChatCodecException(ErrorCode.TOO_LARGE, "the tags exceed " + MAX_TAGS + " bytes");
      }
      tags = parseTags(line.substring(1, end));
      at = skipSpaces(line, end);
    }
    if (utf8Length(line, at, line.length()) + 2 > MAX_LINE) {
      throw new ChatCodecException(ErrorCode.TOO_LARGE, "the line exceeds " + MAX_LINE + " bytes");
    }
    String source = null;
    if (at < line.length() && line.charAt(at) == ':') {
      int space = line.indexOf(' ', at);
      source = line.substring(at + 1, space < 0 ? line.length() : space);
      at = space < 0 ? line.length() : skipSpaces(line, space);
    }
    int space = line.indexOf(' ', at);
    String command = line.substring(at, space < 0 ? line.length() : space).toUpperCase(Locale.ROOT);
    if (command.isEmpty()) {
      throw new ChatCodecException(ErrorCode.BAD_REQUEST, "a line without a command");
    }
    List<String> params = new ArrayList<>();
    at = space < 0 ? line.length() : skipSpaces(line, space);
    while (at < line.length()) {
      if (line.charAt(at) == ':' || params.size() == MAX_PARAMS - 1) {
        params.add(line.substring(line.charAt(at) == ':' ? at + 1 : at));
        break;
      }
      int next = line.indexOf(' ', at);
      params.add(line.substring(at, next < 0 ? line.length() : next));
      at = next < 0 ? line.length() : skipSpaces(line, next);
    }
    return new IrcMessage(tags, source, command, params);
  }

  /** Appends this line and its CRLF; a CR, LF or NUL inside a field would end the line early and is dropped. */
  public void write(ByteBuf out) {
    if (!tags.isEmpty()) {
      out.writeByte('@');
      boolean first = true;
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        if (!first) {
          out.writeByte(';');
        }
        first = false;
        writeClean(out, tag.getKey());
        if (!tag.getValue().isEmpty()) {
          out.writeByte('=');
          writeClean(out, escapeTag(tag.getValue()));
        }
      }
      out.writeByte(' ');
    }
    if (source != null) {
      out.writeByte(':');
      writeClean(out, source);
      out.writeByte(' ');
    }
    writeClean(out, command);
    for (int i = 0; i < params.size(); i++) {
      String param = params.get(i);
      out.writeByte(' ');
      if (i == params.size() - 1 && (param.isEmpty() || param.indexOf(' ') >= 0 || param.charAt(0) == ':'
          || textLast())) {
        out.writeByte(':');
      }
      writeClean(out, param);
    }
    out.writeByte('\r').writeByte('\n');
  }

  /**
   * Whether the last parameter is text and written as a trailing one even when it need not be, as
   * servers write it: the text of PRIVMSG, NOTICE, TOPIC, KICK, PART, QUIT, ERROR, PONG and CAP,
   * and the last parameter of a numeric (but {@code 004}, a list of words).
   */
  private boolean textLast() {
    return switch (command) {
      case "PRIVMSG", "NOTICE", "TOPIC", "KICK", "PART", "PONG", "CAP" -> params.size() >= 2;
      case "QUIT", "ERROR" -> true;
      case "004" -> false;
      default -> command.length() == 3 && Character.isDigit(command.charAt(0)) && params.size() >= 2;
    };
  }

  /** This line as it goes on the wire, without its CRLF (tests, logs). */
  @Override
  public String toString() {
    ByteBuf out = io.netty.buffer.Unpooled.buffer();
    try {
      write(out);
      return out.toString(0, out.readableBytes() - 2, StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  private static void writeClean(ByteBuf out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        text = text.replace("\r", "").replace("\n", "").replace("\0", "");
        break;
      }
    }
    out.writeCharSequence(text, StandardCharsets.UTF_8);
  }

  private static Map<String, String> parseTags(String section) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : section.split(";")) {
      if (tag.isEmpty()) {
        continue;
      }
      int eq = tag.indexOf('=');
      tags.put(eq < 0 ? tag : tag.substring(0, eq), eq < 0 ? "" : unescapeTag(tag.substring(eq + 1)));
    }
    return tags;
  }

  /** Escapes a tag value (message-tags: {@code ;}, space, backslash, CR and LF). */
  static String escapeTag(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case ';' -> out.append("\\:");
        case ' ' -> out.append("\\s");
        case '\\' -> out.append("\\\\");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescapeTag(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i == value.length()) {
        break; // a lone trailing backslash is dropped
      }
      char e = value.charAt(i);
      out.append(switch (e) {
        case ':' -> ';';
        case 's' -> ' ';
        case 'r' -> '\r';
        case 'n' -> '\n';
        default -> e;
      });
    }
    return out.toString();
  }

  private static int skipSpaces(String line, int at) {
    while (at < line.length() && line.charAt(at) == ' ') {
      at++;
    }
    return at;
  }

  /** UTF-8 length of {@code text[from, to)}. */
  public static int utf8Length(CharSequence text, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
