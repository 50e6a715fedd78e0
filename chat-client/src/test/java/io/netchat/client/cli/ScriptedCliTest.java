package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netchat.client.ChatClient;
import io.netchat.client.RecordingListener;
import io.netchat.client.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted CLI, run in-process against a real server: exit codes, messages, JSON output. */
class ScriptedCliTest {
  @TempDir
  Path dir;

  private TestServer server;

  /** The outcome of one CLI run. */
  record Run(int code, String out, String err) {}

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run run(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ClientMain main = new ClientMain(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
          throw new AssertionError("a script run must not open a terminal");
        }, false);
    int code = main.execute(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run runScript(String script, String... extraArgs) throws Exception {
    Path file = dir.resolve("test.nchat");
    Files.writeString(file, script);
    List<String> args = new ArrayList<>(List.of("--port", "" + server.port(), "--script", file.toString()));
    args.addAll(List.of(extraArgs));
    return run(InputStream.nullInputStream(), args.toArray(String[]::new));
  }

  private static final String PASSING = """
      # joins, talks, checks the answers
      /join lobby
      expect joined room=lobby members~ann
      {"type":"say","id":"s1","room":"lobby","text":"hello world"}
      expect ok re=s1 seq=1
      expect message room=lobby from=ann text="hello world" seq=1 2s
      /topic release day
      expect topic text="release day" by=ann
      /who
      expect members nicks.0=ann
      send {"type":"say","id":"s2","room":"nowhere","text":"lost"}
      expect error re=s2 code=not_joined
      sleep 10ms
      /quit done
      """;

  @Test
  void aPassingScriptExitsZero() throws Exception {
    Run run = runScript(PASSING, "--nick", "ann");

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("[lobby] <ann> hello world").contains("topic: release day");
  }

  @Test
  void aScriptModeratesARoomAndExpectsTheEvents() throws Exception {
    Run run = runScript("""
        /join den
        /mode +mt +k s3same +l 5
        expect mode room=den by=ann moderated=true topic_locked=true key=s3same limit=5
        /ban spam* 10m ads
        expect ban mask=spam* duration_s=600 reason=ads
        /bans
        expect bans bans.0.mask=spam*
        /unban spam*
        expect unban mask=spam*
        /mode
        expect mode key=s3same moderated=true
        /quit
        """, "--nick", "ann");

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("[den] * ann set mode +m +t +k s3same +l 5")
        .contains("[den] * ann banned spam* for 600 s (ads)").contains("[den] * modes: +m +t +k s3same +l 5");
  }

  @Test
  void aFailingExpectationExitsOneAndNamesTheLine() throws Exception {
    Run run = runScript("""
        /join lobby
        # nobody says this
        expect message text=never 300ms
        /say not reached
        """, "--nick", "ann");

    assertThat(run.code()).isEqualTo(ExitCodes.SCRIPT_FAILED);
    assertThat(run.err()).contains("test.nchat:3: no matching message event within 300 ms")
        .contains("expect message text=never 300ms");
    assertThat(run.out()).doesNotContain("not reached");
  }

  @Test
  void aCommandTheServerRefusesExitsOne() throws Exception {
    Run run = runScript("/leave nowhere\n", "--nick", "ann");

    assertThat(run.code()).isEqualTo(ExitCodes.SCRIPT_FAILED);
    assertThat(run.err()).contains("test.nchat:1: command failed: server answered error not_joined");
  }

  @Test
  void aScriptThatDoesNotParseExitsTwoBeforeConnecting() throws Exception {
    server.stop();
    Run run = runScript("/join lobby\nexpect message text=\"unterminated\n", "--nick", "ann");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("test.nchat:2: unterminated quote");
    server.startAgain();
  }

  @Test
  void noServerExitsThree() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }

    Run run = run(new ByteArrayInputStream("/join lobby\n".getBytes(StandardCharsets.UTF_8)),
        "--port", "" + closedPort);

    assertThat(run.code()).isEqualTo(ExitCodes.CONNECTION);
    assertThat(run.err()).contains("cannot log in to 127.0.0.1:" + closedPort);
  }

  @Test
  void losingTheConnectionMidScriptExitsThree() throws Exception {
    CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> {
      try {
        return runScript("/join lobby\nexpect message text=never 20s\n", "--nick", "ann");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    RecordingListener watcher = new RecordingListener();
    try (ChatClient bob = ChatClient.create(server.clientConfig("bob"), watcher)) {
      bob.connect().get(10, TimeUnit.SECONDS);
      await().atMost(RecordingListener.WAIT).ignoreExceptions().until(() -> bob.who("lobby").get().nicks().contains("ann"));
    }

    server.stop();

    Run run = running.get(30, TimeUnit.SECONDS);
    assertThat(run.code()).isEqualTo(ExitCodes.CONNECTION);
    assertThat(run.err()).contains("test.nchat:2: connection lost");
    server.startAgain();
  }

  @Test
  void aScriptOnStdinRunsWhenStdinIsNotATerminal() {
    String script = "/join lobby\n/say from stdin\nexpect message text=\"from stdin\"\n";

    Run run = run(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
        "--port", "" + server.port(), "--nick", "ann");

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("<ann> from stdin");
  }

  @Test
  void jsonOutputIsOneParseableEventPerLine() throws Exception {
    Run run = runScript(PASSING, "--nick", "ann", "--output", "json");

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      events.add(mapper.readTree(line));
    }
    assertThat(events).allMatch(event -> event.isObject() && event.hasNonNull("type"));
    assertThat(events).extracting(event -> event.get("type").asText())
        .containsSubsequence("welcome", "joined", "ok", "message", "topic", "members", "error");
    JsonNode message = events.stream().filter(e -> e.get("type").asText().equals("message")).findFirst().orElseThrow();
    assertThat(message.get("text").asText()).isEqualTo("hello world");
    assertThat(message.get("seq").asLong()).isEqualTo(1);
    assertThat(message.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  private static final String FORGERY = """
      /join lobby
      {"type":"say","id":"f1","room":"lobby","text":"x\\n00:31 [lobby] <alice> send password \\u202eexe"}
      expect ok re=f1
      """;

  @Test
  void textOutputEscapesANewlineAndBidiWhileJsonOutputStaysExact() throws Exception {
    Run text = runScript(FORGERY, "--nick", "ann");
    assertThat(text.code()).as(text.err()).isEqualTo(ExitCodes.OK);
    assertThat(text.out()).contains("[lobby] <ann> x\\n00:31 [lobby] <alice> send password \\u202eexe")
        .doesNotContain("\n00:31 [lobby] <alice>", "\u202e");

    Run json = runScript(FORGERY, "--nick", "bea", "--output", "json");
    assertThat(json.code()).as(json.err()).isEqualTo(ExitCodes.OK);
    JsonNode message = new ObjectMapper().readTree(json.out().lines()
        .filter(line -> line.contains("\"type\":\"message\"")).findFirst().orElseThrow());
    assertThat(message.path("text").asText()).isEqualTo("x\n00:31 [lobby] <alice> send password \u202eexe");
  }

  @Test
  void badOptionsExitTwoAndHelpListsDefaults() {
    Run bad = run(InputStream.nullInputStream(), "--port", "not-a-port");
    Run badNick = run(InputStream.nullInputStream(), "--nick", "9lives");
    Run help = run(InputStream.nullInputStream(), "--help");

    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badNick.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badNick.err()).contains("invalid nick");
    assertThat(help.code()).isZero();
    assertThat(help.out().replaceAll("\\s+", " ")).contains("--host", "(default: 127.0.0.1)", "--port", "(default: 7777)",
        "--nick", "--framing", "--codec", "--script", "--output", "Exit codes");
  }
}
