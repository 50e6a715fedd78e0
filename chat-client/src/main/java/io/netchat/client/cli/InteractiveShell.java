package io.netchat.client.cli;

import io.netchat.client.ChatClient;
import io.netchat.client.ChatErrorException;
import io.netchat.client.ChatListener;
import io.netchat.client.ClientConfig;
import io.netchat.client.ConnectionEvent;
import io.netchat.codec.ServerMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * The interactive mode: a JLine prompt with line editing and history. Incoming events are
 * printed above the line being typed ({@link LineReader#printAbove}) from the client's delivery
 * thread, so they never mangle it; commands are read and run on the calling thread.
 */
final class InteractiveShell {
  private final Terminal terminal;
  private final ClientConfig config;
  private final Function<ServerMessage, String> render;
  private final TextFormatter text;
  private volatile CliSession session;

  InteractiveShell(Terminal terminal, ClientConfig config, Function<ServerMessage, String> render, TextFormatter text) {
    this.terminal = terminal;
    this.config = config;
    this.render = render;
    this.text = text;
  }

  /** Runs the shell, logged in as {@code login} says. */
  int run(CliLogin login) throws InterruptedException {
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("netchat").build();
    ChatClient client = ChatClient.create(config, new ChatListener() {
      @Override
      public void onEvent(ServerMessage event) {
        String line = render.apply(event);
        if (line != null) {
          reader.printAbove(line);
        }
      }

      @Override
      public void onConnection(ConnectionEvent event) {
        CliSession current = session;
        if (current != null && reader instanceof LineReaderImpl impl) {
          impl.setPrompt(prompt(current)); // printAbove redraws the line being typed with it
        }
        reader.printAbove(text.format(event));
      }
    });
    try {
      try {
        login.run(client, config);
      } catch (ExecutionException | TimeoutException e) {
        reader.printAbove("! cannot log in to " + config.host() + ":" + config.port() + ": " + describe(e));
        return ExitCodes.CONNECTION;
      }
      CliSession session = new CliSession(client, text, new PromptedPasswords(reader));
      this.session = session;
      reader.printAbove("* type /help for commands, /quit to leave");
      while (true) {
        String line;
        try {
          line = reader.readLine(prompt(session));
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        if (runLine(line, session, reader)) {
          break;
        }
      }
      return ExitCodes.OK;
    } finally {
      client.close();
    }
  }

  /** Runs one typed line; true when the shell should exit. */
  private boolean runLine(String line, CliSession session, LineReader reader) throws InterruptedException {
    CompletableFuture<String> result;
    boolean quit = false;
    if (line.startsWith("/")) {
      SlashCommand command;
      try {
        command = SlashCommand.parse(line);
      } catch (IllegalArgumentException e) {
        reader.printAbove("! " + e.getMessage());
        return false;
      }
      quit = command.name().equals("quit");
      result = session.execute(command);
    } else if (session.currentRoom() == null) {
      reader.printAbove("! no current room; /join <room> first");
      return false;
    } else {
      result = session.say(line);
    }
    try {
      String local = result.get(config.requestTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
      if (local != null) {
        reader.printAbove(local);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof ChatErrorException)) {
        reader.printAbove("! " + describe(e));
      } // else the server's error event is already on the screen: say it once
    } catch (TimeoutException e) {
      reader.printAbove("! " + describe(e));
    }
    return quit;
  }

  private static String prompt(CliSession session) {
    ChatClient client = session.client();
    String room = session.currentRoom();
    return (client.isConnected() ? "" : "(offline) ") + (room == null ? "" : "[" + TerminalText.escape(room) + "] ")
        + client.nick() + "> ";
  }

  /** Why {@code e} failed, for a terminal: anything the server said is escaped. */
  static String describe(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ChatErrorException error) {
      return TerminalText.escape(error.wireCode() + ": " + error.error().message());
    }
    if (cause instanceof TimeoutException) {
      return "no answer in time";
    }
    return TerminalText.escape(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
  }
}
