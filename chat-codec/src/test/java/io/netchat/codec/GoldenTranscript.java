package io.netchat.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A golden wire transcript (a test resource under {@code golden/}): entries of exact bytes in
 * {@code hexdump -C} layout, each under a header naming who sends it and which expected message it
 * is, e.g. {@code client> hello} or {@code client> hello-crlf (in only)}. Lines starting with
 * {@code #} and blank lines are comments.
 */
record GoldenTranscript(String resource, List<Entry> entries) {
  private static final Pattern HEADER = Pattern.compile("(client|server)> ([a-z0-9-]+)( \\(in only\\))?");
  private static final Pattern DUMP = Pattern.compile("[0-9a-f]{8}  (.{48}).*");

  /**
   * One frame on the wire.
   *
   * @param sender {@link Side#CLIENT} for bytes a client sends (the server decodes them)
   * @param name the key of the expected message
   * @param inOnly checked only bytes → message (a valid but not canonical form, or a failure)
   * @param bytes the exact bytes
   */
  record Entry(Side sender, String name, boolean inOnly, byte[] bytes) {
    Side receiver() {
      return sender == Side.CLIENT ? Side.SERVER : Side.CLIENT;
    }

    @Override
    public String toString() {
      return sender.name().toLowerCase(java.util.Locale.ROOT) + "> " + name;
    }
  }

  static GoldenTranscript load(String resource) {
    try (InputStream in = GoldenTranscript.class.getResourceAsStream("/golden/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource golden/" + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GoldenTranscript parse(String resource, String text) {
    List<Entry> entries = new ArrayList<>();
    Matcher header = null;
    StringBuilder hex = new StringBuilder();
    int lineNumber = 0;
    for (String line : (text + "\n").split("\n", -1)) {
      lineNumber++;
      Matcher dump = DUMP.matcher(line);
      if (dump.matches() && header != null) {
        hex.append(dump.group(1));
        continue;
      }
      if (line.isBlank() || line.startsWith("#") || HEADER.matcher(line).matches()) {
        if (header != null && hex.length() > 0) {
          entries.add(entry(header, hex));
          header = null;
          hex.setLength(0);
        }
        Matcher next = HEADER.matcher(line);
        if (next.matches()) {
          header = next;
        }
        continue;
      }
      throw new IllegalArgumentException(resource + ":" + lineNumber + ": not a header, dump or comment: " + line);
    }
    return new GoldenTranscript(resource, List.copyOf(entries));
  }

  private static Entry entry(Matcher header, StringBuilder hex) {
    Side sender = header.group(1).equals("client") ? Side.CLIENT : Side.SERVER;
    return new Entry(sender, header.group(2), header.group(3) != null,
        HexFormat.of().parseHex(hex.toString().replaceAll("\\s", "")));
  }

  /** {@code bytes} in {@code hexdump -C} layout, as the transcripts hold them. */
  static String dump(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int row = 0; row < bytes.length; row += 16) {
      out.append(String.format("%08x ", row));
      StringBuilder ascii = new StringBuilder();
      for (int i = row; i < row + 16; i++) {
        out.append(i == row + 8 ? "  " : " ");
        if (i < bytes.length) {
          int b = bytes[i] & 0xFF;
          out.append(String.format("%02x", b));
          ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        } else {
          out.append("  ");
        }
      }
      out.append("  |").append(ascii).append("|\n");
    }
    return out.toString();
  }
}
