package io.netchat.bench.jmh;

import io.netchat.bench.load.SendStamp;
import io.netchat.codec.ChatCodec;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of a typical room message in each codec: the server decodes a {@code say}
 * and encodes one {@code message} per broadcast; clients decode that {@code message}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  @Param({"json", "cbor"})
  public String codecName;

  private ChatCodec codec;
  private ServerMessage.Message message;
  private ClientMessage.Say say;
  private ByteBuf out;
  private ByteBuf encodedMessage;
  private ByteBuf encodedSay;

  @Setup
  public void setUp() {
    codec = CodecRegistry.load().get(codecName);
    String text = SendStamp.text(123_456_789L, 128);
    message = new ServerMessage.Message("lobby", 42_317, "alice", text, Instant.parse("2026-01-02T03:04:05.678Z"));
    say = new ClientMessage.Say(null, "lobby", text);
    out = Unpooled.buffer(1024);
    encodedMessage = Unpooled.buffer(1024);
    codec.encode(message, encodedMessage);
    encodedSay = Unpooled.buffer(1024);
    codec.encode(say, encodedSay);
  }

  @TearDown
  public void tearDown() {
    out.release();
    encodedMessage.release();
    encodedSay.release();
  }

  /** The server's once-per-broadcast encode. */
  @Benchmark
  public int encodeMessage() {
    out.clear();
    codec.encode(message, out);
    return out.writerIndex();
  }

  /** A client's decode of each delivery. */
  @Benchmark
  public ServerMessage decodeMessage() {
    return codec.decode(encodedMessage.duplicate(), ServerMessage.class);
  }

  /** A client's encode of what it says. */
  @Benchmark
  public int encodeSay() {
    out.clear();
    codec.encode(say, out);
    return out.writerIndex();
  }

  /** The server's decode of each command. */
  @Benchmark
  public ClientMessage decodeSay() {
    return codec.decode(encodedSay.duplicate(), ClientMessage.class);
  }
}
