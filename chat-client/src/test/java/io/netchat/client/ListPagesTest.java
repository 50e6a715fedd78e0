package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The list API against a real server whose pages are small: whole walks and single pages. */
class ListPagesTest {
  private static final int PAGE = 3;
  private TestServer server;
  private final List<ChatClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(ChatClient::close);
    if (server != null) {
      server.close();
    }
  }

  private ChatClient connected(String nick) throws Exception {
    ChatClient client = ChatClient.create(server.clientConfig(nick), new RecordingListener());
    clients.add(client);
    get(client.connect());
    return client;
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void roomsAndWhoWalkEveryPageAndPagesCanBeAskedOneByOne() throws Exception {
    server = TestServer.start(config -> config.withLimits(LimitsConfig.builder().maxListPage(PAGE).build()));
    ChatClient ann = connected("ann");
    List<String> rooms = IntStream.range(0, 10).mapToObj(i -> "room" + i).toList();
    for (String room : rooms) {
      get(ann.join(room));
    }
    List<String> nicks = new ArrayList<>(List.of("ann"));
    for (int i = 0; i < 7; i++) {
      ChatClient member = connected("m" + i);
      get(member.join("room0"));
      nicks.add("m" + i);
    }

    ServerMessage.Rooms all = get(ann.rooms());
    assertThat(all.rooms()).extracting(ServerMessage.RoomInfo::name).containsExactlyElementsOf(rooms);
    assertThat(all.next()).isNull();
    ServerMessage.Members members = get(ann.who("room0"));
    assertThat(members.nicks()).containsExactlyElementsOf(nicks);
    assertThat(members.next()).isNull();

    ServerMessage.Rooms first = get(ann.roomsPage(null, 2));
    assertThat(first.rooms()).extracting(ServerMessage.RoomInfo::name).containsExactly("room0", "room1");
    ServerMessage.Rooms second = get(ann.roomsPage(first.next(), 100));
    assertThat(second.rooms()).extracting(ServerMessage.RoomInfo::name).containsExactly("room2", "room3", "room4");
    ServerMessage.Members page = get(ann.whoPage("room0", null, null));
    assertThat(page.nicks()).hasSize(PAGE);
    assertThat(page.next()).isNotNull();

    ServerMessage.Joined joined = get(connected("zoe").join("room0"));
    assertThat(joined.members()).hasSize(PAGE);
    assertThat(joined.memberCount()).isEqualTo(nicks.size() + 1);
  }
}
