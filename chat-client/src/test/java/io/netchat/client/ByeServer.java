package io.netchat.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.netchat.codec.Limits;
import io.netchat.codec.ServerMessage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted server over {@code length} + {@code json} on 127.0.0.1: it logs every connection in
 * with the session secret {@code "secret-N"} (N counts connections from 1) and sends the first one
 * {@code bye} and closes it; the second is refused at its {@code hello} with another {@code bye}
 * when one is given, else it stays open like later ones. It records each {@code hello} and when it
 * arrived.
 */
final class ByeServer implements AutoCloseable {

  /** One {@code hello} received: the command as sent, and when ({@link System#nanoTime()}). */
  record Hello(JsonNode command, long nanos) {}

  private final ServerSocket socket;
  private final ServerMessage.Bye bye;
  private final ServerMessage.Bye refusal;
  private final List<Hello> hellos = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile long byeSentNanos;

  ByeServer(ServerMessage.Bye bye) throws IOException {
    this(bye, null);
  }

  /** @param refusal the answer to the second connection's hello, or null to log it in */
  ByeServer(ServerMessage.Bye bye, ServerMessage.Bye refusal) throws IOException {
    this.bye = bye;
    this.refusal = refusal;
    socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::acceptAll, "bye-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  List<Hello> hellos() {
    return hellos;
  }

  long byeSentNanos() {
    return byeSentNanos;
  }

  private void acceptAll() {
    try {
      while (true) {
        Socket client = socket.accept();
        open.add(client);
        Thread serving = new Thread(() -> serve(client, open.size()), "bye-server-" + open.size());
        serving.setDaemon(true);
        serving.start();
      }
    } catch (IOException closed) {
      // the server was closed
    }
  }

  private void serve(Socket client, int number) {
    try (client;
         DataInputStream in = new DataInputStream(client.getInputStream());
         DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
      while (true) {
        JsonNode command = LengthJsonFrames.read(in);
        String id = command.path("id").asText(null);
        if (command.path("type").asText().equals("hello")) {
          hellos.add(new Hello(command, System.nanoTime()));
          if (number == 2 && refusal != null) {
            LengthJsonFrames.write(out, refusal);
            return;
          }
          LengthJsonFrames.write(out, new ServerMessage.Welcome(command.path("nick").asText(), "bye-server",
              new Limits(65536, 4096, 10, 100, 10, 20), 1, List.of(), "secret-" + number, null, id));
          LengthJsonFrames.write(out, new ServerMessage.Ok(id, null));
          if (number == 1) {
            byeSentNanos = System.nanoTime();
            LengthJsonFrames.write(out, bye);
            return;
          }
        } else if (id != null) {
          LengthJsonFrames.write(out, new ServerMessage.Ok(id, null));
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }


  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : open) {
      client.close();
    }
  }
}
