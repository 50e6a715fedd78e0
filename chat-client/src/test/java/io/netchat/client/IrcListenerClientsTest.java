package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ServerMessage;
import io.netchat.server.ChatServer;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.engio.mbassy.listener.Handler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelKickEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.channel.ChannelTopicEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;

/**
 * A real IRC client library (KICL, from Maven Central) and the netchat {@link ChatClient} in one
 * room through the server's IRC and JSON listeners: messages both ways, the topic both ways, a dm
 * both ways and a kick.
 */
class IrcListenerClientsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private ChatServer server;
  private Client irc;
  private ChatClient netchat;
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = ChatServer.start(ServerConfig.defaults()
        .withListeners(List.of(new ListenerConfig("127.0.0.1", 0, "length", "json"),
            new ListenerConfig("127.0.0.1", 0, "irc", "irc")))
        .withStore(StoreConfig.defaults().withType(StoreConfig.Type.MEMORY)));
  }

  @AfterEach
  void stop() {
    if (irc != null) {
      irc.shutdown("bye");
    }
    if (netchat != null) {
      netchat.close();
    }
    server.close();
  }

  /** What the IRC client hears, as short strings. */
  public final class Ears {
    @Handler
    public void message(ChannelMessageEvent e) {
      heard.add("msg " + e.getChannel().getName() + " <" + e.getActor().getNick() + "> " + e.getMessage());
    }

    @Handler
    public void dm(PrivateMessageEvent e) {
      heard.add("dm <" + e.getActor().getNick() + "> " + e.getMessage());
    }

    @Handler
    public void topic(ChannelTopicEvent e) {
      if (e.isNew()) {
        heard.add("topic " + e.getChannel().getName() + " " + e.getNewTopic().getValue().orElse(""));
      }
    }

    @Handler
    public void join(ChannelJoinEvent e) {
      heard.add("join " + e.getChannel().getName() + " " + e.getUser().getNick());
    }

    @Handler
    public void kick(ChannelKickEvent e) {
      heard.add("kick " + e.getChannel().getName() + " " + e.getTarget().getNick() + " " + e.getMessage());
    }
  }

  private void awaitHeard(String line) {
    await().atMost(WAIT).until(() -> heard.contains(line));
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(15, TimeUnit.SECONDS);
  }

  @Test
  void anIrcClientLibraryAndChatClientShareARoomTopicDmsAndAKick() throws Exception {
    InetSocketAddress json = server.addresses().get(0);
    InetSocketAddress ircAddress = server.addresses().get(1);
    RecordingListener events = new RecordingListener();
    netchat = ChatClient.create(ClientConfig.defaults().withAddress("127.0.0.1", json.getPort()).withNick("ann")
        .withWireFormat("length", "json"), events);
    get(netchat.connect());
    get(netchat.join("lobby")); // the first member: ann owns the room and may kick

    irc = Client.builder().nick("kicl").user("kicl").realName("KICL test")
        .server().host("127.0.0.1").port(ircAddress.getPort(), Client.Builder.Server.SecurityType.INSECURE).then()
        .build();
    irc.getEventManager().registerEventListener(new Ears());
    irc.connect();
    irc.addChannel("#lobby");
    awaitHeard("join #lobby kicl");
    events.awaitEvent(ServerMessage.Presence.class, p -> p.nick().equals("kicl") && p.event().equals("join"));

    get(netchat.say("lobby", "hello from netchat"));
    awaitHeard("msg #lobby <ann> hello from netchat");

    irc.sendMessage("#lobby", "hello from IRC");
    events.awaitEvent(ServerMessage.Message.class, m -> m.from().equals("kicl") && m.text().equals("hello from IRC"));

    get(netchat.topic("lobby", "set from netchat"));
    awaitHeard("topic #lobby set from netchat");
    irc.sendRawLine("TOPIC #lobby :set from IRC");
    events.awaitEvent(ServerMessage.Topic.class, t -> t.text().equals("set from IRC") && "kicl".equals(t.by()));

    get(netchat.dm("kicl", "psst, IRC"));
    awaitHeard("dm <ann> psst, IRC");
    irc.sendMessage("ann", "psst, netchat");
    events.awaitEvent(ServerMessage.Dm.class, d -> d.from().equals("kicl") && d.text().equals("psst, netchat"));

    get(netchat.kick("lobby", "kicl", "enough"));
    awaitHeard("kick #lobby kicl enough");
    await().atMost(WAIT).until(() -> irc.getChannel("#lobby").isEmpty());
    assertThat(heard).doesNotContain("msg #lobby <kicl> hello from IRC"); // no echo-message asked: no echo
  }
}
