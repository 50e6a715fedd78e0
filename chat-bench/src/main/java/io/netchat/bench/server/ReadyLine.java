package io.netchat.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Reads a server's log as it grows, line by line, until a line says "ready"; keeps the last lines
 * for the error of a server that never gets there.
 */
final class ReadyLine {
  private static final int TAIL_LINES = 40;

  private final Path file;
  private final Deque<String> tail = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private final ByteBuffer buffer = ByteBuffer.allocate(8192);
  private long position;

  ReadyLine(Path file) {
    this.file = file;
  }

  /** Reads what was added since the last call: the {@link System#nanoTime()} of now when a ready line came, else -1. */
  long poll() {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.position(position);
      int read;
      while ((read = channel.read(buffer.clear())) > 0) {
        position += read;
        // Server logs are ASCII or UTF-8; a character cut at the buffer's end only garbles the tail shown on failure.
        for (String piece : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).split("(?<=\n)", -1)) {
          if (piece.endsWith("\n")) {
            partial.append(piece, 0, piece.length() - 1);
            if (line(partial.toString())) {
              return System.nanoTime();
            }
            partial.setLength(0);
          } else {
            partial.append(piece);
          }
        }
      }
      return -1;
    } catch (NoSuchFileException notYet) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean line(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
    return line.toLowerCase(Locale.ROOT).contains("ready");
  }

  /** The last lines read, and any unfinished one. */
  String tail() {
    poll();
    return String.join("\n", tail) + (partial.isEmpty() ? "" : "\n" + partial);
  }
}
