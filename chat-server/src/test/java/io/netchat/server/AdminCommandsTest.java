package io.netchat.server;

import static io.netchat.server.Moderated.answer;
import static io.netchat.server.Moderated.join;
import static io.netchat.server.Moderated.login;
import static io.netchat.server.Moderated.only;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netchat.codec.ByeCode;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * §17.6: the admin commands of an account listed in {@code admins} — close a session, ban an
 * account or address server-wide, lift it, a notice to everyone, take over a room whose owner is
 * gone — each logged at warn; every one of them refused as {@code forbidden} to anyone else.
 */
class AdminCommandsTest {
  private final EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults().withAdmins(List.of("Root")));
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger log = (Logger) LoggerFactory.getLogger(AdminCommands.class);

  @BeforeEach
  void capture() {
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void finish() {
    log.detachAppender(logged);
    server.finish();
  }

  static Stream<ClientMessage> adminCommands() {
    return Stream.of(new ClientMessage.AdminClose("a", "ann", "why"),
        new ClientMessage.AdminBan("a", "addr:10.0.0.0/8", 60L, "why"),
        new ClientMessage.AdminUnban("a", "addr:10.0.0.0/8"),
        new ClientMessage.AdminNotice("a", "hello all"),
        new ClientMessage.AdminTakeover("a", "r"));
  }

  @ParameterizedTest
  @MethodSource("adminCommands")
  void aSessionWhoseAccountIsNotAnAdminIsForbiddenEveryAdminCommand(ClientMessage command) {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection guest = login(server, "guest", true);
    assertThat(answer(guest, command)).as("a guest").isEqualTo(ErrorCode.FORBIDDEN);
    EmbeddedServer.Connection registered = login(server, "reg", true);
    server.context().users().find("reg").account("reg");
    assertThat(answer(registered, command)).as("an account not listed").isEqualTo(ErrorCode.FORBIDDEN);
    EmbeddedServer.Connection posing = login(server, "root", true);
    assertThat(answer(posing, command)).as("a guest with an admin's nick").isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(logged.list).as("nothing was done").isEmpty();
  }

  private EmbeddedServer.Connection admin() {
    EmbeddedServer.Connection root = login(server, "boss", true);
    server.context().users().find("boss").account("root");
    return root;
  }

  @Test
  void anAdminClosesASessionWithAReasonAndItIsLogged() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    assertThat(answer(admin(), new ClientMessage.AdminClose("c", "ann", "flooding"))).isNull();
    assertThat(ann.received()).containsExactly(ServerMessage.Bye.of(ByeCode.CLOSED_BY_ADMIN, "flooding"));
    assertThat(ann.server.isActive()).isFalse();
    assertThat(warnings()).containsExactly("admin root closed the session of ann (embedded): flooding");
  }

  @Test
  void aServerWideBanClosesMatchingSessionsAndRefusesTheirReturnUntilLifted() {
    EmbeddedServer.Connection near = login(server, "near", "10.1.2.3");
    EmbeddedServer.Connection far = login(server, "far", "192.0.2.1");
    EmbeddedServer.Connection root = admin();
    assertThat(answer(root, new ClientMessage.AdminBan("b", "bob*", null, null))).as("nicks are for rooms")
        .isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(answer(root, new ClientMessage.AdminBan("b", "addr:10.1.0.0/16", 600L, "abuse"))).isNull();
    assertThat(near.received()).containsExactly(ServerMessage.Bye.of(ByeCode.BANNED,
        "you are banned from this server: abuse"));
    assertThat(far.received()).isEmpty();

    EmbeddedServer.Connection again = server.connect("10.1.9.9");
    again.send(new ClientMessage.Hello("h", "again", 1, null, List.of(), null));
    List<Object> refused = again.received();
    assertThat(Moderated.code(refused)).isEqualTo(ErrorCode.BANNED);
    assertThat(refused.get(refused.size() - 1)).isInstanceOfSatisfying(ServerMessage.Bye.class,
        bye -> assertThat(bye.byeCode()).isEqualTo(ByeCode.BANNED));
    assertThat(server.context().users().find("again")).isNull();

    assertThat(answer(root, new ClientMessage.AdminUnban("u", "addr:10.1.0.0/16"))).isNull();
    EmbeddedServer.Connection back = login(server, "back", "10.1.9.9");
    assertThat(server.context().users().find("back")).isNotNull();
    assertThat(warnings()).contains("admin root banned addr:10.1.0.0/16 from the server for 600 s: abuse",
        "admin root lifted the server-wide ban of addr:10.1.0.0/16");
    back.received();
  }

  @Test
  void anAccountBanClosesTheAccountsSessions() {
    EmbeddedServer.Connection eve = login(server, "evelyn", true);
    server.context().users().find("evelyn").account("eve");
    assertThat(answer(admin(), new ClientMessage.AdminBan("b", "account:eve", null, null))).isNull();
    assertThat(only(eve.received(), ServerMessage.Bye.class)).singleElement()
        .satisfies(bye -> assertThat(bye.byeCode()).isEqualTo(ByeCode.BANNED));
  }

  @Test
  void aNoticeReachesEverySessionAsANoticeOrForV1AsADmFromTheServer() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    EmbeddedServer.Connection old = server.login("old");
    assertThat(answer(admin(), new ClientMessage.AdminNotice("n", "restart at noon"))).isNull();
    assertThat(ann.received()).containsExactly(new ServerMessage.Notice("restart at noon", "root"));
    assertThat(only(old.received(), ServerMessage.Dm.class)).singleElement().satisfies(dm -> {
      assertThat(dm.from()).isEqualTo("netchat");
      assertThat(dm.text()).isEqualTo("restart at noon");
    });
    assertThat(warnings()).containsExactly("admin root sent a notice to every session: restart at noon");
  }

  @Test
  void anAdminTakesOverARoomOnlyOnceItsOwnerIsGone() {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    join(ann, "r");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    join(bob, "r");
    EmbeddedServer.Connection root = admin();
    assertThat(answer(root, new ClientMessage.AdminTakeover("t", "r"))).isEqualTo(ErrorCode.FORBIDDEN);
    ann.send(new ClientMessage.Leave("l", "r"));
    bob.received();
    assertThat(answer(root, new ClientMessage.AdminTakeover("t", "r"))).isNull();
    assertThat(only(bob.received(), ServerMessage.Role.class)).singleElement().satisfies(role -> {
      assertThat(role.nick()).isEqualTo("boss");
      assertThat(role.role()).isEqualTo("owner");
      assertThat(role.seq()).isNotNull();
    });
    join(root, "r");
    assertThat(answer(root, new ClientMessage.Kick("k", "r", "bob", "mine now"))).isNull();
    assertThat(join(ann, "r")).isTrue();
    assertThat(answer(ann, new ClientMessage.Mode("m", "r", true, null, null, null, null, null)))
        .as("the old owner holds nothing").isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(answer(root, new ClientMessage.AdminTakeover("t", "nowhere"))).isEqualTo(ErrorCode.NO_SUCH_ROOM);
  }

  private List<String> warnings() {
    return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
