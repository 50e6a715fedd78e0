package io.netchat.server;

import static io.netchat.server.Moderated.answer;
import static io.netchat.server.Moderated.join;
import static io.netchat.server.Moderated.login;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.server.config.ServerConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * §17: each role × each action, allowed ({@code ok}) or refused ({@code forbidden}), in a plain room
 * and in one that is moderated, topic-locked and invite-only. The table is written out here, not
 * derived from the server's policy, so a change of the policy shows as a failing row.
 */
class RoomRolesTest {
  /** The actions, each as the command a member of room {@code r} sends (id {@code "x"}). */
  static final Map<String, Supplier<ClientMessage>> ACTIONS = new LinkedHashMap<>();

  static {
    ACTIONS.put("say", () -> new ClientMessage.Say("x", "r", "hi"));
    ACTIONS.put("topic", () -> new ClientMessage.Topic("x", "r", "new topic"));
    ACTIONS.put("kick", () -> new ClientMessage.Kick("x", "r", "tgt", "bye"));
    ACTIONS.put("ban", () -> new ClientMessage.Ban("x", "r", "spam*", 60L, null));
    ACTIONS.put("unban", () -> new ClientMessage.Unban("x", "r", "old*"));
    ACTIONS.put("bans", () -> new ClientMessage.Bans("x", "r", null, null));
    ACTIONS.put("mode", () -> new ClientMessage.Mode("x", "r", null, null, null, null, null, 40));
    ACTIONS.put("role", () -> new ClientMessage.Role("x", "r", "tgt", "voice"));
    ACTIONS.put("invite", () -> new ClientMessage.Invite("x", "r", "out"));
  }

  /** Who may do what: "room role: allowed actions". */
  static final String[] PLAIN = {
      "owner: say topic kick ban unban bans mode role invite",
      "op: say topic kick ban unban bans mode role invite",
      "voice: say topic invite",
      "member: say topic invite"};
  static final String[] LOCKED = {
      "owner: say topic kick ban unban bans mode role invite",
      "op: say topic kick ban unban bans mode role invite",
      "voice: say",
      "member:"};

  private EmbeddedServer server;

  @AfterEach
  void finish() {
    server.finish();
  }

  static Stream<Arguments> table() {
    return Stream.of(true, false).flatMap(locked -> Arrays.stream(locked ? LOCKED : PLAIN).flatMap(row -> {
      String role = row.substring(0, row.indexOf(':'));
      Set<String> allowed = Arrays.stream(row.substring(row.indexOf(':') + 1).trim().split(" "))
          .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
      return ACTIONS.keySet().stream().map(action -> Arguments.of(locked ? "locked" : "plain", role, action,
          allowed.contains(action)));
    }));
  }

  @ParameterizedTest(name = "{0} room: {1} {2} → {3}")
  @MethodSource("table")
  void eachRoleMayDoWhatItsRoleAllowsAndIsRefusedTheRest(String room, String role, String action, boolean allowed) {
    server = new EmbeddedServer(ServerConfig.defaults());
    EmbeddedServer.Connection owner = login(server, "own", true);
    assertThat(join(owner, "r")).isTrue();
    Map<String, EmbeddedServer.Connection> byRole = new LinkedHashMap<>();
    byRole.put("owner", owner);
    for (String nick : new String[] {"opp", "voi", "mem", "tgt"}) {
      EmbeddedServer.Connection c = login(server, nick, true);
      assertThat(join(c, "r")).isTrue();
      byRole.put(switch (nick) {
        case "opp" -> "op";
        case "voi" -> "voice";
        case "mem" -> "member";
        default -> "target";
      }, c);
    }
    login(server, "out", true);
    assertThat(answer(owner, new ClientMessage.Role("x", "r", "opp", "op"))).isNull();
    assertThat(answer(owner, new ClientMessage.Role("x", "r", "voi", "voice"))).isNull();
    assertThat(answer(owner, new ClientMessage.Ban("x", "r", "old*", null, "set up"))).isNull();
    if (room.equals("locked")) {
      assertThat(answer(owner, new ClientMessage.Mode("x", "r", true, null, true, true, null, null))).isNull();
    }
    ErrorCode code = answer(byRole.get(role), ACTIONS.get(action).get());
    assertThat(code).isEqualTo(allowed ? null : ErrorCode.FORBIDDEN);
  }
}
