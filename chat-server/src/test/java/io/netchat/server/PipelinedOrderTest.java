package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netchat.codec.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers to one connection's commands keep the order of the commands, also when the commands
 * are pipelined without ids (pasted into {@code nc}) and go to rooms on different event loops:
 * without ids, the order is the only way to tell which answer is whose (docs/PROTOCOL.md §4).
 */
class PipelinedOrderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ChatServer server;

  @BeforeEach
  void start() {
    server = ChatServer.start(TestServers.config(TestServers.loopback("line", "json"))
        .withTransport(Transport.NIO, 4)
        .withLimits(TestServers.limits(null, null, null, null, 10_000, 10_000, null, null)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersWithoutIdsComeInTheOrderOfThePipelinedCommands() throws Exception {
    try (LineClient nc = new LineClient(server.addresses().get(0))) {
      List<String> commands = new ArrayList<>();
      List<String> answers = new ArrayList<>();
      BiConsumer<String, String> command = (json, answer) -> {
        commands.add(json);
        answers.add(answer);
      };
      command.accept("{\"type\":\"hello\",\"nick\":\"nc\"}", "welcome");
      for (int round = 0; round < 5; round++) {
        String a = "a" + round;
        String b = "b" + round;
        String c = "c" + round;
        for (String room : List.of(a, b, c)) {
          command.accept("{\"type\":\"join\",\"room\":\"" + room + "\"}", "joined " + room);
        }
        command.accept("{\"type\":\"who\",\"room\":\"" + a + "\"}", "members " + a);
        command.accept("{\"type\":\"topic\",\"room\":\"" + c + "\"}", "topic " + c);
        command.accept("{\"type\":\"history\",\"room\":\"" + b + "\"}", "history " + b);
        command.accept("{\"type\":\"rooms\"}", "rooms");
        command.accept("{\"type\":\"say\",\"room\":\"" + a + "\",\"text\":\"x\"}", "message " + a);
        command.accept("{\"type\":\"say\",\"room\":\"nowhere\",\"text\":\"x\"}", "error not_joined");
        command.accept("{\"type\":\"leave\",\"room\":\"" + b + "\"}", "left " + b);
        command.accept("{\"type\":\"ping\"}", "pong");
        command.accept("{\"type\":\"who\",\"room\":\"" + c + "\"}", "members " + c);
      }
      nc.type(commands.toArray(String[]::new));
      List<String> received = new ArrayList<>();
      for (int i = 0; i < answers.size(); i++) {
        var frame = JSON.readTree(nc.line());
        String type = frame.get("type").asText();
        received.add(frame.has("room") ? type + " " + frame.get("room").asText()
            : frame.has("code") ? type + " " + frame.get("code").asText() : type);
      }
      assertThat(received).containsExactlyElementsOf(answers);
    }
  }
}
