package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.ChatServer;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An IRC user (raw lines, as irssi sends them) and {@link ChatClient}s in one room through the
 * server's IRC and JSON listeners: each sees the other's mode, role, ban, invite, away and nick
 * changes.
 */
class IrcModerationClientsTest {
  private ChatServer server;
  private InetSocketAddress json;
  private InetSocketAddress ircAddress;

  @BeforeEach
  void start() {
    server = ChatServer.start(ServerConfig.defaults()
        .withListeners(List.of(new ListenerConfig("127.0.0.1", 0, "length", "json"),
            new ListenerConfig("127.0.0.1", 0, "irc", "irc")))
        .withStore(StoreConfig.defaults().withType(StoreConfig.Type.MEMORY)));
    json = server.addresses().get(0);
    ircAddress = server.addresses().get(1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ChatClient netchat(String nick, RecordingListener listener) throws Exception {
    ChatClient client = ChatClient.create(ClientConfig.defaults().withAddress("127.0.0.1", json.getPort())
        .withNick(nick), listener);
    client.connect().get(10, TimeUnit.SECONDS);
    return client;
  }

  @Test
  void anIrcUserAndChatClientsSeeEachOthersModerationAwayAndNickChanges() throws Exception {
    RecordingListener carolSees = new RecordingListener();
    RecordingListener erinSees = new RecordingListener();
    try (Irc alice = new Irc(ircAddress); ChatClient carol = netchat("carol", carolSees);
        ChatClient erin = netchat("erin", erinSees)) {
      alice.type("CAP LS 302", "CAP REQ :away-notify", "CAP END", "NICK alice", "USER alice 0 * :Alice");
      alice.until("422");
      alice.type("JOIN #den");
      assertThat(alice.until("366")).isEqualTo(":netchat 366 alice #den :End of /NAMES list.");
      carol.join("den").get(10, TimeUnit.SECONDS);
      alice.until("JOIN");

      alice.type("MODE #den +m");
      assertThat(carolSees.awaitEvent(ServerMessage.Mode.class, m -> "alice".equals(m.by())).moderated()).isTrue();
      alice.type("MODE #den +o carol");
      assertThat(carolSees.awaitEvent(ServerMessage.Role.class, r -> r.nick().equals("carol")).role()).isEqualTo("op");

      carol.ban("den", "spam*", null, null).get(10, TimeUnit.SECONDS);
      assertThat(alice.until("MODE")).isEqualTo(":alice!~alice@netchat MODE #den +m");
      assertThat(alice.until("MODE")).isEqualTo(":alice!~alice@netchat MODE #den +o carol");
      assertThat(alice.until("MODE")).isEqualTo(":carol!~carol@netchat MODE #den +b spam*!*@*");
      carol.mode(new ClientMessage.Mode(null, "den", true, null, false, null, null, null)).get(10, TimeUnit.SECONDS);
      assertThat(alice.until("MODE")).isEqualTo(":carol!~carol@netchat MODE #den +i-m");

      alice.type("INVITE erin #den");
      assertThat(alice.until("341")).isEqualTo(":netchat 341 alice erin :#den");
      assertThat(erinSees.awaitEvent(ServerMessage.Invite.class, i -> i.room().equals("den")).by()).isEqualTo("alice");
      erin.join("den").get(10, TimeUnit.SECONDS); // past +i: invited
      alice.until("JOIN");

      carol.away("in a meeting").get(10, TimeUnit.SECONDS);
      assertThat(alice.until("AWAY")).isEqualTo(":carol!~carol@netchat AWAY :in a meeting");
      alice.type("AWAY :brb");
      assertThat(alice.until("306")).isEqualTo(":netchat 306 alice :You have been marked as being away");
      assertThat(carolSees.awaitEvent(ServerMessage.Presence.class, p -> p.event().equals("away")
          && p.nick().equals("alice")).text()).isEqualTo("brb");

      carol.changeNick("caroline").get(10, TimeUnit.SECONDS);
      assertThat(alice.until("NICK")).isEqualTo(":carol!~carol@netchat NICK caroline");
      alice.type("NICK alicia");
      assertThat(alice.until("NICK")).isEqualTo(":alice!~alice@netchat NICK alicia");
      assertThat(carolSees.awaitEvent(ServerMessage.Presence.class, p -> p.event().equals("nick")
          && p.nick().equals("alice")).newNick()).isEqualTo("alicia");
      ServerMessage.Members members = erin.who("den").get(10, TimeUnit.SECONDS);
      assertThat(members.nicks()).containsExactly("alicia", "caroline", "erin");
    }
  }

  /** An IRC connection typed into as a person would, read line by line. */
  private static final class Irc implements AutoCloseable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    Irc(InetSocketAddress address) throws IOException {
      socket.connect(address, 5000);
      socket.setSoTimeout(15_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    }

    void type(String... lines) throws IOException {
      out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** The next line whose command is {@code command}, those before it skipped; fails after 15 s of silence. */
    String until(String command) throws IOException {
      while (true) {
        String line = in.readLine();
        if (line == null) {
          throw new IOException("the server closed the connection");
        }
        String[] words = line.replaceFirst("^@\\S+ ", "").split(" ");
        String verb = words[0].startsWith(":") && words.length > 1 ? words[1] : words[0];
        if (verb.equals(command)) {
          return line;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
