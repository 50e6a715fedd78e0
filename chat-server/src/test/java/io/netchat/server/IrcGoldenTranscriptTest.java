package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The golden IRC transcript: a short session of an IRC client beside a netchat JSON client, every
 * line byte for byte as on the wire ({@code C:} from the IRC client, {@code S:} to it, {@code --}
 * what the netchat client does). The clock is frozen; a room's msgids start with a hash of its
 * random epoch, which the transcript shows as {@value #MSGID_PREFIX}. docs/PROTOCOL.md quotes it
 * exactly.
 */
class IrcGoldenTranscriptTest {
  static final String FILE = "irc-session.txt";
  static final String MSGID_PREFIX = "EPOCHHASH000";
  private final IrcEmbedded server = new IrcEmbedded(TestServers.config(TestServers.loopback("length", "json")));
  private final List<String> transcript = new ArrayList<>();
  private IrcEmbedded.Irc ann;

  @AfterEach
  void finish() {
    server.finish();
  }

  private void client(String... lines) {
    for (String line : lines) {
      transcript.add("C: " + line);
    }
    ann.type(lines);
    ann.lines().forEach(line -> transcript.add("S: " + line));
  }

  private String session() {
    ann = server.irc();
    client("CAP LS 302");
    client("CAP REQ :server-time message-tags");
    client("NICK ann", "USER ann 0 * :Ann", "CAP END");
    client("JOIN #lobby");
    transcript.add("-- bob, a netchat client (JSON), joins lobby and says \"hi ann\"");
    IrcEmbedded.Json bob = server.json("bob");
    bob.send(new ClientMessage.Join(null, "lobby", null));
    bob.send(new ClientMessage.Say(null, "lobby", "hi ann"));
    String msgid = bob.received().stream().filter(ServerMessage.Message.class::isInstance)
        .map(m -> ((ServerMessage.Message) m).msgid()).findFirst().orElseThrow();
    ann.lines().forEach(line -> transcript.add("S: " + line));
    client("PRIVMSG #lobby :hello bob");
    client("TOPIC #lobby :IRC meets netchat");
    client("PRIVMSG bob :a word in private", "NAMES #lobby");
    client("PING :t1");
    client("QUIT :bye");
    String prefix = msgid.substring(0, MSGID_PREFIX.length());
    return String.join("\n", transcript).replace(prefix, MSGID_PREFIX) + "\n";
  }

  @Test
  void theSessionMatchesTheGoldenTranscriptByteForByte() throws IOException {
    String actual = session();
    Path golden = Path.of("src", "test", "resources", "golden", FILE);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", FILE), actual, StandardCharsets.UTF_8); // to compare, or to adopt after a deliberate change
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void theProtocolDocumentQuotesTheTranscriptExactly() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"), StandardCharsets.UTF_8);
    Matcher quote = Pattern.compile("<!-- golden-irc: ([a-z-]+\\.txt) -->\n```text\n(.*?)```", Pattern.DOTALL)
        .matcher(doc);
    assertThat(quote.find()).as("a golden-irc quote in PROTOCOL.md").isTrue();
    assertThat(quote.group(1)).isEqualTo(FILE);
    assertThat(quote.group(2)).isEqualTo(Files.readString(Path.of("src", "test", "resources", "golden", FILE),
        StandardCharsets.UTF_8));
  }
}
