package io.netchat.server;

import io.netchat.codec.ChatCodec;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A deliberately plain blocking test client: a real socket, the chat-codec wire format, and
 * reads with a timeout. It stands for "a client we did not write".
 */
final class WireClient implements AutoCloseable {
  private static final CodecRegistry CODECS = CodecRegistry.load();
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final WireFormat format;
  private final List<ServerMessage> seen = new ArrayList<>();

  WireClient(InetSocketAddress address, String framing, String codec) throws IOException {
    this(connected(address), framing, codec);
  }

  /** Over a socket already connected (e.g. a TLS socket). */
  WireClient(Socket socket, String framing, String codec) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(15_000); // generous: on a loaded machine an answer can take seconds
    socket.setTcpNoDelay(true);
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = socket.getOutputStream();
    this.format = WireFormat.of(framing, codec, 1 << 20, CODECS);
  }

  private static Socket connected(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.connect(address, 5000);
    return socket;
  }

  static WireClient connect(InetSocketAddress address) throws IOException {
    return new WireClient(address, "length", "json");
  }

  /** Connects and logs in, consuming the welcome. */
  static WireClient login(InetSocketAddress address, String nick) throws IOException {
    WireClient client = connect(address);
    client.send(new ClientMessage.Hello(null, nick));
    client.expect(ServerMessage.Welcome.class);
    return client;
  }

  /** Sends {@code messages} in one write: more than one is a pipeline, the server answers them in order. */
  void send(ClientMessage... messages) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (ClientMessage message : messages) {
      ByteBuf buf = format.encode(message, Unpooled.buffer().alloc());
      try {
        buf.readBytes(bytes, buf.readableBytes());
      } finally {
        buf.release();
      }
    }
    sendRaw(bytes.toByteArray());
  }

  /** Sends {@code json} as one length-framed payload, as written: input the model could not build. */
  void sendJson(String json) throws IOException {
    byte[] payload = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    sendRaw(java.nio.ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads the next message, or fails after the timeout. */
  ServerMessage next() throws IOException {
    byte[] payload = readFrame();
    ByteBuf buf = Unpooled.wrappedBuffer(payload);
    try {
      ServerMessage message = format.codec().decode(buf, ServerMessage.class);
      seen.add(message);
      return message;
    } finally {
      buf.release();
    }
  }

  /** Reads until a message of {@code type} arrives, returning it; fails on timeout. */
  <T extends ServerMessage> T expect(Class<T> type) throws IOException {
    return expect(type, m -> true);
  }

  <T extends ServerMessage> T expect(Class<T> type, Predicate<T> match) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      ServerMessage message = next();
      if (type.isInstance(message) && match.test(type.cast(message))) {
        return type.cast(message);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within 10 s; seen " + seen);
  }

  /** True when the server closed the connection (end of stream) before the timeout. */
  boolean closedByServer() throws IOException {
    try {
      while (true) {
        next();
      }
    } catch (EOFException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  List<ServerMessage> seen() {
    return seen;
  }

  private byte[] readFrame() throws IOException {
    if (format.framing() == Framing.LENGTH) {
      int length = in.readInt();
      byte[] payload = new byte[length];
      in.readFully(payload);
      return payload;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException();
      }
      line.write(b);
    }
    return line.toByteArray();
  }

  /** Writes one length-framed UTF-8 payload on a raw socket. */
  static void writeLengthFramed(Socket socket, String json) throws IOException {
    byte[] payload = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    socket.getOutputStream().write(java.nio.ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
    socket.getOutputStream().flush();
  }

  /** The client's own port: how the server's logs name this connection. */
  int localPort() {
    return socket.getLocalPort();
  }

  ChatCodec codec() {
    return format.codec();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
