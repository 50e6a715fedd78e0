package io.netchat.client.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed slash command, e.g. {@code /msg bob see you}: its name, its word arguments and
 * (for commands that take one) the free text that ends the line.
 *
 * @param name the command without the slash, lower case
 * @param args the word arguments
 * @param text the trailing free text, or {@code ""}
 */
record SlashCommand(String name, List<String> args, String text) {

  /** How a command is written: its arguments, how many words it needs, whether free text ends it. */
  record Spec(String name, String usage, int minWords, int maxWords, boolean text, boolean textRequired, String help) {}

  /** Every slash command, in the order {@code /help} lists them. */
  static final Map<String, Spec> SPECS = specs(
      new Spec("join", "/join <room> [since]", 1, 2, false, false, "join a room (it becomes the current room)"),
      new Spec("leave", "/leave [room]", 0, 1, false, false, "leave the current room (or the one named); /part is the same"),
      new Spec("say", "/say <text>", 0, 0, true, true, "say something in the current room (plain text does the same)"),
      new Spec("me", "/me <action>", 0, 0, true, true, "act in the current room: /me waves shows * ann waves"),
      new Spec("msg", "/msg <nick> <text>", 1, 1, true, true, "send a direct message"),
      new Spec("topic", "/topic [text]", 0, 0, true, false, "show the current room's topic, or set it"),
      new Spec("who", "/who [room]", 0, 1, false, false, "list the members of the current room (or the one named)"),
      new Spec("rooms", "/rooms", 0, 0, false, false, "list the rooms; /list is the same"),
      new Spec("history", "/history [room] [limit]", 0, 2, false, false, "show stored messages of a room"),
      new Spec("nick", "/nick <nick>", 1, 1, false, false, "change your nick, keeping your session and rooms"),
      new Spec("away", "/away [text]", 0, 0, true, false, "mark yourself away with a message; without one, back"),
      new Spec("whois", "/whois <nick>", 1, 1, false, false, "show a user's rooms, away message and login time"),
      new Spec("register", "/register", 0, 0, false, false,
          "make your nick an account (asks for a password; scripts: --register)"),
      new Spec("passwd", "/passwd", 0, 0, false, false, "change your account's password (asks for both)"),
      new Spec("room", "/room <room>", 1, 1, false, false, "switch the current room to one you have joined"),
      new Spec("ping", "/ping", 0, 0, false, false, "measure the round trip to the server"),
      new Spec("quit", "/quit [reason]", 0, 0, true, false, "leave the server and exit"),
      new Spec("help", "/help", 0, 0, false, false, "show this list"));

  /** Other names people type by habit, and the command each stands for. */
  static final Map<String, String> ALIASES = Map.of("part", "leave", "list", "rooms");

  /**
   * Parses {@code line} (which starts with {@code /}); an unknown command or a wrong number of
   * arguments fails with the command's usage.
   */
  static SlashCommand parse(String line) {
    String body = line.strip();
    if (!body.startsWith("/") || body.length() == 1) {
      throw new IllegalArgumentException("a command starts with / and a name; try /help");
    }
    int space = body.indexOf(' ');
    String typed = (space < 0 ? body.substring(1) : body.substring(1, space)).toLowerCase(Locale.ROOT);
    String name = ALIASES.getOrDefault(typed, typed);
    String rest = space < 0 ? "" : body.substring(space + 1).strip();
    Spec spec = SPECS.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("unknown command /" + TerminalText.escape(typed) + "; try /help");
    }
    List<String> words = new ArrayList<>();
    String text = "";
    if (spec.text()) {
      while (words.size() < spec.maxWords() && !rest.isEmpty()) {
        int next = rest.indexOf(' ');
        words.add(next < 0 ? rest : rest.substring(0, next));
        rest = next < 0 ? "" : rest.substring(next + 1).strip();
      }
      text = rest;
    } else if (!rest.isEmpty()) {
      words.addAll(List.of(rest.split("\\s+")));
    }
    if (words.size() < spec.minWords() || words.size() > spec.maxWords() || spec.textRequired() && text.isEmpty()) {
      throw new IllegalArgumentException("usage: " + spec.usage());
    }
    return new SlashCommand(name, List.copyOf(words), text);
  }

  /** The word argument at {@code index}, or {@code fallback} when absent. */
  String arg(int index, String fallback) {
    return index < args.size() ? args.get(index) : fallback;
  }

  /** The {@code /help} text. */
  static String help() {
    StringBuilder out = new StringBuilder("commands (plain text goes to the current room):");
    for (Spec spec : SPECS.values()) {
      out.append(String.format("%n  %-26s %s", spec.usage(), spec.help()));
    }
    return out.toString();
  }

  private static Map<String, Spec> specs(Spec... specs) {
    Map<String, Spec> byName = new LinkedHashMap<>();
    for (Spec spec : specs) {
      byName.put(spec.name(), spec);
    }
    return java.util.Collections.unmodifiableMap(byName);
  }
}
