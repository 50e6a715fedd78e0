package io.netchat.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netchat.codec.JsonCodec;
import io.netchat.codec.Limits;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/**
 * A server that breaks the text rules on purpose (an old or hostile one), over {@code length} +
 * {@code json} on 127.0.0.1: it logs anyone in, answers every command with {@code ok}, and right
 * after {@code welcome} sends the given events, whatever their text holds. Serves one client.
 */
final class HostileServer implements AutoCloseable {
  private static final JsonCodec CODEC = new JsonCodec();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket socket;
  private final Thread thread;

  HostileServer(List<ServerMessage> afterWelcome) throws IOException {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> serve(afterWelcome), "hostile-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve(List<ServerMessage> afterWelcome) {
    try (Socket client = socket.accept();
         DataInputStream in = new DataInputStream(client.getInputStream());
         DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
      while (true) {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        JsonNode command = JSON.readTree(payload);
        String id = command.path("id").asText(null);
        switch (command.path("type").asText()) {
          case "hello" -> {
            write(out, new ServerMessage.Welcome(command.path("nick").asText(), "hostile", new Limits(65536, 4096, 10, 100, 10, 20)));
            write(out, new ServerMessage.Ok(id, null));
            for (ServerMessage event : afterWelcome) {
              write(out, event);
            }
          }
          case "quit" -> {
            write(out, new ServerMessage.Ok(id, null));
            write(out, new ServerMessage.Bye("quit"));
            return;
          }
          default -> {
            if (id != null) {
              write(out, new ServerMessage.Ok(id, null));
            }
          }
        }
      }
    } catch (IOException e) {
      // the client went away: nothing more to serve
    }
  }

  private static void write(DataOutputStream out, ServerMessage message) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    try {
      CODEC.encode(message, buf);
      out.writeInt(buf.readableBytes());
      out.write(ByteBufUtil.getBytes(buf));
      out.flush();
    } finally {
      buf.release();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
