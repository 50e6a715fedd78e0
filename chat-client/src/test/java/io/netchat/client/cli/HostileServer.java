package io.netchat.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netchat.client.LengthJsonFrames;
import io.netchat.codec.Limits;
import io.netchat.codec.ServerMessage;
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
        JsonNode command = LengthJsonFrames.read(in);
        String id = command.path("id").asText(null);
        switch (command.path("type").asText()) {
          case "hello" -> {
            LengthJsonFrames.write(out, new ServerMessage.Welcome(command.path("nick").asText(), "hostile", new Limits(65536, 4096, 10, 100, 10, 20)));
            LengthJsonFrames.write(out, new ServerMessage.Ok(id, null));
            for (ServerMessage event : afterWelcome) {
              LengthJsonFrames.write(out, event);
            }
          }
          case "quit" -> {
            LengthJsonFrames.write(out, new ServerMessage.Ok(id, null));
            LengthJsonFrames.write(out, new ServerMessage.Bye("quit"));
            return;
          }
          default -> {
            if (id != null) {
              LengthJsonFrames.write(out, new ServerMessage.Ok(id, null));
            }
          }
        }
      }
    } catch (IOException e) {
      // the client went away: nothing more to serve
    }
  }


  @Override
  public void close() throws IOException {
    socket.close();
  }
}
