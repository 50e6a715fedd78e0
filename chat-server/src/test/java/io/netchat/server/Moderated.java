package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.util.List;

/** Shortcuts the moderation tests share over an {@link EmbeddedServer}: log in, join, read answers. */
final class Moderated {
  private Moderated() {}

  /** A 1.1 session ({@code events} when asked) logged in as {@code nick}, its welcome read. */
  static EmbeddedServer.Connection login(EmbeddedServer server, String nick, boolean events) {
    EmbeddedServer.Connection c = server.connect();
    c.send(new ClientMessage.Hello(null, nick, 1, null, events ? List.of("events") : List.of(), null));
    c.received();
    return c;
  }

  /** As {@link #login} from {@code host}. */
  static EmbeddedServer.Connection login(EmbeddedServer server, String nick, String host) {
    EmbeddedServer.Connection c = server.connect(host);
    c.send(new ClientMessage.Hello(null, nick, 1, null, List.of("events"), null));
    c.received();
    return c;
  }

  /** Joins {@code room} and reads the answer; true when joined. */
  static boolean join(EmbeddedServer.Connection c, String room) {
    return join(c, room, null) == null;
  }

  /** Joins {@code room} with {@code key}; the refusal's code, or null when joined. */
  static ErrorCode join(EmbeddedServer.Connection c, String room, String key) {
    c.send(new ClientMessage.Join("j", room, null, null, key));
    return code(c.received());
  }

  /** Sends {@code command} (its id {@code "x"}) and returns the error code answered, or null for ok. */
  static ErrorCode answer(EmbeddedServer.Connection c, ClientMessage command) {
    c.send(command);
    List<Object> received = c.received();
    ErrorCode code = code(received);
    if (code == null) {
      assertThat(only(received, ServerMessage.Ok.class)).as("answer to %s", command)
          .anySatisfy(ok -> assertThat(ok.re()).isEqualTo(command.id()));
    }
    return code;
  }

  /** The code of the first error among {@code received}, or null. */
  static ErrorCode code(List<Object> received) {
    return received.stream().filter(ServerMessage.Error.class::isInstance).map(ServerMessage.Error.class::cast)
        .map(ServerMessage.Error::errorCode).findFirst().orElse(null);
  }

  /** The messages of {@code type} among {@code received}. */
  static <T> List<T> only(List<Object> received, Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
