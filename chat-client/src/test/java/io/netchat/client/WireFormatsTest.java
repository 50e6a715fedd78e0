package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ServerMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client speaks every framing and codec the server offers, and reaches it by IPv6 too. */
class WireFormatsTest {

  @ParameterizedTest(name = "{0}/{1} on {2}")
  @CsvSource({"length, json, 127.0.0.1", "line, json, 127.0.0.1", "length, cbor, 127.0.0.1", "length, json, ::1"})
  void chatsOverEachFormat(String framing, String codec, String host) throws Exception {
    try (TestServer server = host.equals("::1") ? TestServer.startOn(host) : TestServer.start(framing, codec)) {
      RecordingListener events = new RecordingListener();
      try (ChatClient ann = ChatClient.create(server.clientConfig("ann").withWireFormat(framing, codec), events)) {
        assertThat(ann.connect().get(10, TimeUnit.SECONDS).nick()).isEqualTo("ann");
        ann.join("lobby").get(10, TimeUnit.SECONDS);
        assertThat(ann.say("lobby", "héllo ✓ über " + codec).get(10, TimeUnit.SECONDS)).isEqualTo(1L);

        events.awaitTexts("lobby", List.of("héllo ✓ über " + codec));
        assertThat(events.texts("lobby")).containsExactly("héllo ✓ über " + codec);
        assertThat(events.all(ServerMessage.Welcome.class)).hasSize(1);
      }
    }
  }
}
