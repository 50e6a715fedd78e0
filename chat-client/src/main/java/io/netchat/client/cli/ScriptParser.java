package io.netchat.client.cli;

import io.netchat.codec.ChatCodecException;
import io.netchat.codec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the client script language (see {@code docs/CLIENT.md}), one statement per line:
 * <pre>
 * # a comment
 * /join lobby                                   slash command: run it, wait for it to succeed
 * {"type":"say","room":"lobby","text":"hi"}     JSON command: send as written (also: send {...})
 * expect message from=ann text="hi there" 2s    wait for a matching event (default timeout)
 * sleep 200ms
 * </pre>
 * A script that does not parse is rejected as a whole, before connecting.
 */
final class ScriptParser {
  private static final Pattern TYPE = Pattern.compile("[a-z_]+");
  private static final Pattern CONDITION = Pattern.compile("([A-Za-z0-9_.]+)([=~])(.*)", Pattern.DOTALL);

  private final EventJson json;

  ScriptParser(EventJson json) {
    this.json = json;
  }

  /** The steps of {@code lines}; fails with a message naming {@code scriptName} and the line. */
  List<ScriptStep> parse(String scriptName, List<String> lines) {
    List<ScriptStep> steps = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String source = lines.get(i).strip();
      int line = i + 1;
      if (source.isEmpty() || source.startsWith("#")) {
        continue;
      }
      try {
        steps.add(parseLine(line, source));
      } catch (IllegalArgumentException | ChatCodecException e) {
        throw new ScriptException(scriptName + ":" + line + ": " + e.getMessage() + "\n  " + source);
      }
    }
    return steps;
  }

  private ScriptStep parseLine(int line, String source) {
    if (source.startsWith("/")) {
      return new ScriptStep.Slash(line, source, SlashCommand.parse(source));
    }
    if (source.startsWith("{")) {
      return new ScriptStep.Send(line, source, json.parseCommand(source));
    }
    List<String> words = tokenize(source);
    String keyword = words.get(0);
    return switch (keyword) {
      case "send" -> {
        String rest = source.substring(4).strip();
        if (!rest.startsWith("{")) {
          throw new IllegalArgumentException("send takes a JSON command: send {\"type\":...}");
        }
        yield new ScriptStep.Send(line, source, json.parseCommand(rest));
      }
      case "expect" -> parseExpect(line, source, words);
      case "sleep" -> {
        if (words.size() != 2) {
          throw new IllegalArgumentException("usage: sleep <duration>, e.g. sleep 200ms");
        }
        yield new ScriptStep.Sleep(line, source, Durations.require(words.get(1)));
      }
      default -> throw new IllegalArgumentException("unknown statement '" + keyword
          + "'; a line is a /command, a JSON command, send, expect, sleep, or a # comment");
    };
  }

  private static ScriptStep parseExpect(int line, String source, List<String> words) {
    if (words.size() < 2 || !TYPE.matcher(words.get(1)).matches()) {
      throw new IllegalArgumentException("usage: expect <type> [field=value | field~value]... [timeout]");
    }
    List<FieldMatch> conditions = new ArrayList<>();
    Duration timeout = null;
    for (int i = 2; i < words.size(); i++) {
      String word = words.get(i);
      var m = CONDITION.matcher(word);
      if (m.matches()) {
        conditions.add(new FieldMatch(m.group(1), m.group(2).equals("~"), m.group(3)));
      } else if (i == words.size() - 1 && Durations.parse(word).isPresent()) {
        timeout = Durations.require(word);
      } else {
        throw new IllegalArgumentException("'" + word + "' is neither field=value, field~value nor a final timeout");
      }
    }
    return new ScriptStep.Expect(line, source, words.get(1), List.copyOf(conditions), timeout);
  }

  /** Splits on spaces; double quotes group (in any part of a word), with \" and \\ escapes. */
  static List<String> tokenize(String source) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < source.length()) {
          word.append(source.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** A script that does not parse; the message names the script, the line and the problem. */
  static final class ScriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScriptException(String message) {
      super(message);
    }
  }
}
