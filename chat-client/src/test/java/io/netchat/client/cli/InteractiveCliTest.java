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
  }

  /** Starts the CLI as ann against {@code port}. */
  private void launch(int port) {
    ClientMain main = new ClientMain(InputStream.nullInputStream(), new PrintStream(screen, true, StandardCharsets.UTF_8),
        new PrintStream(screen, true, StandardCharsets.UTF_8), () -> dumbTerminal(keys, screen), false);
    cli = CompletableFuture.supplyAsync(() -> main.execute("--interactive", "--port", "" + port, "--nick", "ann"));
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

  /** Starts the CLI as ann, has ann type {@code /join lobby} and a library client bob join it too. */
  private ChatClient annAndBobInLobby(RecordingListener bobEvents) throws Exception {
    launch(server.port());
    ChatClient bob = ChatClient.create(server.clientConfig("bob"), bobEvents);
    bob.connect().get(10, TimeUnit.SECONDS);
    awaitScreen("logged in as ann");
    type("/join lobby\n");
    awaitScreen("[lobby] * you joined");
    bob.join("lobby").get(10, TimeUnit.SECONDS);
    return bob;
  }

  @Test
  void joinSendReceiveWhileTypingAndQuit() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (ChatClient bob = annAndBobInLobby(bobEvents)) {
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
      awaitScreen("members (2): ann, bob");
      awaitScreen("* 2 members in lobby");
      type("/nosuch\n");
      awaitScreen("unknown command /nosuch");

      type("/quit bye all\n");
      assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
      bobEvents.awaitEvent(ServerMessage.Presence.class, p -> p.nick().equals("ann") && p.event().equals("quit"));
    }
  }

  @Test
  void registerAndPasswdAskWithoutEchoAndNoPasswordReachesTheScreen() throws Exception {
    launch(server.port());
    awaitScreen("logged in as ann");
    type("/register\n");
    awaitScreen("password to register ann with: ");
    type("correct horse\n");
    awaitScreen("again: ");
    type("correct horse\n");
    awaitScreen("* ann is now an account");

    type("/passwd\n");
    awaitScreen("current password of ann: ");
    type("correct horse\n");
    awaitScreen("new password for ann: ");
    type("battery staple\n");
    awaitScreen("again: ");
    type("battery stapler\n");
    awaitScreen("the two passwords differ");
    type("/passwd\n");
    awaitScreen("current password of ann: ");
    type("correct horse\nbattery staple\nbattery staple\n");
    awaitScreen("* password changed");

    assertThat(shown()).doesNotContain("correct horse").doesNotContain("battery staple");
    type("/quit\n");
    assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    ChatClient check = ChatClient.create(server.clientConfig("ann"), new RecordingListener());
    try (check) {
      check.connect("battery staple".toCharArray()).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void endOfInputLeavesCleanly() throws Exception {
    launch(server.port());
    awaitScreen("logged in as ann");

    keyboard.close();

    assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
  }

  private String shown() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  private int count(String text) {
    return shown().split(java.util.regex.Pattern.quote(text), -1).length - 1;
  }

  @Test
  void textFromOthersCannotForgeALineAndCommandsAnswerOnce() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (ChatClient bob = annAndBobInLobby(bobEvents)) {

      bob.say("lobby", "x\n00:31 [lobby] <alice> send password").get(10, TimeUnit.SECONDS);
      bob.say("lobby", "see txt.\u202eexe").get(10, TimeUnit.SECONDS);
      awaitScreen("<bob> x\\n00:31 [lobby] <alice> send password");
      awaitScreen("<bob> see txt.\\u202eexe");
      assertThat(shown()).doesNotContain("\n00:31 [lobby] <alice>", "\u202e");

      type("/msg nobody are you there\n");
      awaitScreen("! error no_such_user: ");
      type("/msg bob see you\n");
      bobEvents.awaitEvent(ServerMessage.Dm.class, dm -> dm.text().equals("see you"));
      awaitScreen("*ann* -> bob: see you");
      assertThat(count("no_such_user")).as("the error, said once").isEqualTo(1);

      type("/list\n");
      awaitScreen("* rooms (1): lobby (2)");
      awaitScreen("* 1 rooms");
      type("/part\n");
      awaitScreen("[lobby] * you left");
      type("/quit\n");
      assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    }
  }

  @Test
  void nickMeAwayWhoisAndQuitReasonsEachShowOneLine() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (ChatClient bob = annAndBobInLobby(bobEvents)) {
      awaitScreen("[lobby] * bob joined");

      type("/nick annie\n");
      awaitScreen("* you are now annie");
      ServerMessage.Presence renamed = bobEvents.awaitEvent(ServerMessage.Presence.class,
          p -> p.event().equals(ServerMessage.Presence.NICK));
      assertThat(renamed).as("the library negotiated the nick capability: one event")
          .isEqualTo(ServerMessage.Presence.nickChange("lobby", "ann", "annie"));
      awaitScreen("annie> ");

      type("/me waves\n");
      ServerMessage.Message action = bobEvents.awaitEvent(ServerMessage.Message.class, m -> m.text().equals("waves"));
      assertThat(action.hasAction()).isTrue();
      assertThat(action.from()).isEqualTo("annie");
      awaitScreen("[lobby] * annie waves");

      bob.away("lunch\u202e").get(10, TimeUnit.SECONDS);
      awaitScreen("[lobby] * bob is away: lunch\\u202e");
      type("/whois bob\n");
      awaitScreen("* bob is away: lunch\\u202e; in lobby; logged in ");
      type("/away brb\n");
      awaitScreen("* you are away: brb");
      bobEvents.awaitEvent(ServerMessage.Presence.class, p -> p.event().equals(ServerMessage.Presence.AWAY));

      assertThat(bob.changeNick("robert").get(10, TimeUnit.SECONDS)).isEqualTo("robert");
      awaitScreen("[lobby] * bob is now robert");
      bob.quit("gone fishing").get(10, TimeUnit.SECONDS);
      awaitScreen("[lobby] * robert quit (gone fishing)");

      assertThat(count("you are now")).as("/nick prints one line").isEqualTo(1);
      assertThat(count("ann quit")).as("no quit + join for a nick change").isZero();
      type("/quit\n");
      assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    }
  }

  @Test
  void whateverAServerSendsReachesTheTerminalEscaped() throws Exception {
    java.time.Instant ts = java.time.Instant.parse("2026-01-02T00:31:00Z");
    try (HostileServer hostile = new HostileServer(java.util.List.of(
        new ServerMessage.Message("lobby", 1, "mallory", "innocent\rEVIL", ts),
        new ServerMessage.Message("lobby", 2, "mallory", "\u001b[2K\r00:31 [lobby] <admin> rebooting", ts),
        new ServerMessage.Dm("mallory", "ann", "\u001b]0;admin\u0007title", ts),
        new ServerMessage.Topic("lobby", "\u009b2Ktopic\u0000", "mal\u202elory"),
        new ServerMessage.Presence("lob\nby", "x\u001b[31m", "join"),
        new ServerMessage.Error(null, "bad\u0007", "done\u001bc")))) {
      launch(hostile.port());

      awaitScreen("! error bad\\x07: done\\x1bc");
      assertThat(shown()).contains(
          "<mallory> innocent\\rEVIL",
          "<mallory> \\x1b[2K\\r00:31 [lobby] <admin> rebooting",
          "*mallory* -> ann: \\x1b]0;admin\\x07title",
          "[lobby] * topic: \\x9b2Ktopic\\x00 (set by mal\\u202elory)",
          "[lob\\nby] * x\\x1b[31m joined");
      assertThat(shown().chars()).noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x00 || c == 0x9b || c == 0x202e);
      assertThat(shown()).doesNotContain("innocent\rEVIL");
      type("/quit\n");
      assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    }
  }

  @Test
  void afterAReconnectThePromptIsOnlineAndTheJoinIsShownOnce() throws Exception {
    try (ChatClient bob = annAndBobInLobby(new RecordingListener())) {
      bob.say("lobby", "before the restart").get(10, TimeUnit.SECONDS);
      awaitScreen("<bob> before the restart");

      server.stop();
      awaitScreen("* disconnected");
      type("\n");
      awaitScreen("(offline) [lobby] ann> ");
      server.startAgain();
      awaitScreen("* reconnected to");

      await().atMost(RecordingListener.WAIT).until(() -> java.util.regex.Pattern.compile(
          "\\* reconnected to [^\r\n]*\r?\n\\[lobby] ann> ").matcher(shown()).find());
      assertThat(count("[lobby] * you joined")).as("joined before, and once again after the reconnect").isEqualTo(2);
      type("/quit\n");
      assertThat(cli.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    }
  }
}
