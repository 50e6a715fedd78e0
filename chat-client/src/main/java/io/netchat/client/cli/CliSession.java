package io.netchat.client.cli;

import io.netchat.client.ChatClient;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Runs slash commands against a {@link ChatClient} and remembers the current room that plain
 * text and room-less commands use. Shared by the interactive and the scripted mode.
 */
final class CliSession {
  private final ChatClient client;
  private final TextFormatter text;
  private final Passwords passwords;
  private volatile String currentRoom;

  CliSession(ChatClient client, TextFormatter text) {
    this(client, text, Passwords.script());
  }

  /** With {@code passwords} for {@code /register} and {@code /passwd}. */
  CliSession(ChatClient client, TextFormatter text, Passwords passwords) {
    this.client = client;
    this.text = text;
    this.passwords = passwords;
  }

  ChatClient client() {
    return client;
  }

  /** The room plain text goes to, or null before the first join. */
  String currentRoom() {
    return currentRoom;
  }

  /** Says {@code text} in the current room. */
  CompletableFuture<String> say(String text) {
    return client.say(requireRoom(null), text).thenApply(seq -> null);
  }

  /**
   * Runs {@code command}; completes with a line to show locally ({@code /help}, {@code /ping},
   * the echo of a {@code /msg}), or null when the server's events say it all.
   */
  CompletableFuture<String> execute(SlashCommand command) {
    try {
      return switch (command.name()) {
        case "join" -> {
          String since = command.arg(1, null);
          yield client.join(command.args().get(0), since == null ? null : parseLong("since", since))
              .thenApply(joined -> {
                currentRoom = joined.room();
                return null;
              });
        }
        case "leave" -> {
          String room = requireRoom(command.arg(0, null));
          yield client.leave(room).thenApply(left -> {
            if (left.room().equalsIgnoreCase(currentRoom)) {
              currentRoom = client.joinedRooms().stream().findFirst().orElse(null);
            }
            return null;
          });
        }
        case "say" -> say(command.text());
        case "me" -> client.action(requireRoom(null), command.text()).thenApply(seq -> null);
        case "msg" -> {
          String to = command.args().get(0);
          yield client.dm(to, command.text()).thenApply(v -> text.dm(Instant.now(), client.nick(), to, command.text()));
        }
        case "topic" -> client.topic(requireRoom(null), command.text().isEmpty() ? null : command.text())
            .thenApply(topic -> null);
        case "who" -> client.who(requireRoom(command.arg(0, null))).thenApply(members -> "* "
            + members.nicks().size() + " members in " + TerminalText.escape(members.room()) + stopped(members.next()));
        case "rooms" -> client.rooms().thenApply(rooms -> "* " + rooms.rooms().size() + " rooms"
            + stopped(rooms.next()));
        case "history" -> history(command);
        case "nick" -> client.changeNick(command.args().get(0))
            .thenApply(nick -> "* you are now " + TerminalText.escape(nick));
        case "away" -> client.away(command.text()).thenApply(v -> command.text().isEmpty() ? "* you are back"
            : "* you are away: " + TerminalText.escape(command.text()));
        case "whois" -> client.whois(command.args().get(0)).thenApply(whois -> null);
        case "room" -> switchRoom(command.args().get(0));
        case "register" -> register();
        case "passwd" -> passwd();
        case "ping" -> client.ping().thenApply(rtt -> "* pong in " + rtt.toMillis() + " ms");
        case "quit" -> client.quit(command.text().isEmpty() ? null : command.text()).thenApply(v -> null);
        case "help" -> CompletableFuture.completedFuture(SlashCommand.help());
        default -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown command /" + command.name()));
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<String> register() {
    String account = client.nick();
    char[] password = passwords.toRegister(account);
    if (password == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(passwords.unavailable()));
    }
    try {
      return client.register(password).thenApply(v -> "* " + TerminalText.escape(account)
          + " is now an account; log in with its password from now on");
    } finally {
      Passwords.wipe(password);
    }
  }

  private CompletableFuture<String> passwd() {
    String account = client.nick();
    char[] old = passwords.current(account);
    char[] replacement = old == null ? null : passwords.replacement(account);
    try {
      if (replacement == null) {
        return CompletableFuture.failedFuture(new IllegalArgumentException(passwords.unavailable()));
      }
      return client.changePassword(old, replacement).thenApply(v -> "* password changed");
    } finally {
      Passwords.wipe(old);
      Passwords.wipe(replacement);
    }
  }

  /** Says that a list walk stopped at its page cap before the end. */
  private static String stopped(String next) {
    return next == null ? "" : " (stopped after " + ChatClient.MAX_LIST_PAGES + " pages; there are more)";
  }

  private CompletableFuture<String> history(SlashCommand command) {
    String room = currentRoom;
    Integer limit = null;
    for (String arg : command.args()) {
      if (arg.chars().allMatch(Character::isDigit)) {
        limit = (int) parseLong("limit", arg);
      } else {
        room = arg;
      }
    }
    return client.history(requireRoom(room), null, limit).thenApply(h -> (String) null);
  }

  private CompletableFuture<String> switchRoom(String room) {
    return client.joinedRooms().stream().filter(room::equalsIgnoreCase).findFirst()
        .map(joined -> {
          currentRoom = joined;
          return CompletableFuture.completedFuture("* current room: " + TerminalText.escape(joined));
        })
        .orElseGet(() -> CompletableFuture.failedFuture(
            new IllegalArgumentException("not in room " + TerminalText.escape(room) + "; /join it first")));
  }

  private String requireRoom(String named) {
    String room = named != null ? named : currentRoom;
    if (room == null) {
      throw new IllegalArgumentException("no current room; /join <room> first");
    }
    return room;
  }

  private static long parseLong(String what, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a number: " + text);
    }
  }
}
