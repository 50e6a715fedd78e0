package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.client.ChatClient;
import io.netchat.client.RecordingListener;
import io.netchat.client.TestServer;
import io.netchat.codec.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interactive CLI driven like a person at a keyboard: a JLine dumb terminal over pipes
 * (keystrokes in, screen out), against a real server with a second, library client in the room.
 */
class InteractiveCliTest {
  private TestServer server;
  private PipedOutputStream keyboard;
  private PipedInputStream keys;
  private ByteArrayOutputStream screen;
  private CompletableFuture<Integer> cli;

  @BeforeEach
  void start() throws IOException {
    server = TestServer.start();
    keyboard = new PipedOutputStream();
    keys = new PipedInputStream(keyboard, 64 * 1024);
    screen = new ByteArrayOutputStream();
    ClientMain main = new ClientMain(InputStream.nullInputStream(), new PrintStream(screen, true, StandardCharsets.UTF_8),
        new PrintStream(screen, true, StandardCharsets.UTF_8), () -> dumbTerminal(keys, screen), false);
    cli = CompletableFuture.supplyAsync(() -> main.execute("--interactive", "--port", "" + server.port(), "--nick", "ann"));
  }

  @AfterEach
  void stop() throws IOException {
    keyboard.close();
    server.close();
  }

  private static Terminal dumbTerminal(InputStream keys, ByteArrayOutputStream screen) throws IOException {
    return TerminalBuilder.builder().system(false).streams(keys, screen).type(Terminal.TYPE_DUMB)
        .encoding(StandardCharsets.UTF_8).name("test").build();
  }

  private void type(String keys) throws IOException {
    keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  private void awaitScreen(String text) {
    try {
      await().atMost(RecordingListener.WAIT).until(() -> screen.toString(StandardCharsets.UTF_8).contains(text));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("screen never showed '" + text + "'; it shows:\n"
          + screen.toString(StandardCharsets.UTF_8), e);
    }
  }

  @Test
  void joinSendReceiveWhileTypingAndQuit() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (ChatClient bob = ChatClient.create(server.clientConfig("bob"), bobEvents)) {
      bob.connect().get(10, TimeUnit.SECONDS);
      awaitScreen("logged in as ann");

      type("/join lobby\n");
      awaitScreen("[lobby] * you joined");
      bob.join("lobby").get(10, TimeUnit.SECONDS);
      awaitScreen("[lobby] * bob joined");

      type("hello bob\n");
      bobEvents.awaitTexts("lobby", java.util.List.of("hello bob"));
      awaitScreen("[lobby] <ann> hello bob");

      type("half a th");
      await().atMost(RecordingListener.WAIT).until(() -> keys.available() == 0);
      bob.say("lobby", "are you typing?").get(10, TimeUnit.SECONDS);
      awaitScreen("[lobby] <bob> are you typing?");
      awaitScreen("<bob> are you typing?\r\n[lobby] ann> half a th");
      type("ought\n");
      ServerMessage.Message finished = bobEvents.awaitEvent(ServerMessage.Message.class,
          m -> m.from().equals("ann") && m.seq() == 3);
      assertThat(finished.text()).isEqualTo("half a thought");

      type("/who\n");
      awaitScreen("members: ann, bob");
      type("/nosuch\n");
      awaitScreen("unknown command /nosuch");

      type("/quit bye all\n");
      assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
      bobEvents.awaitEvent(ServerMessage.Presence.class, p -> p.nick().equals("ann") && p.event().equals("quit"));
    }
  }

  @Test
  void endOfInputLeavesCleanly() throws Exception {
    awaitScreen("logged in as ann");

    keyboard.close();

    assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
  }
}
