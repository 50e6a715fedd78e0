package io.netchat.bench.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether any process has a file open, read from {@code /proc/<pid>/fd} (Linux, as the bench is). */
final class OpenFiles {
  private static final Path PROC = Path.of("/proc");

  private OpenFiles() {}

  /** Whether a process this user may inspect has {@code file} open. */
  static boolean isOpen(Path file) {
    Path target;
    try {
      target = file.toRealPath();
    } catch (IOException gone) {
      return false;
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        if (holds(process.resolve("fd"), target)) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static boolean holds(Path fds, Path target) {
    try (DirectoryStream<Path> open = Files.newDirectoryStream(fds)) {
      for (Path fd : open) {
        try {
          if (Files.readSymbolicLink(fd).equals(target)) {
            return true;
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed while listed
        }
      }
    } catch (IOException | SecurityException gone) {
      // the process exited while listed, or is not ours to inspect
    }
    return false;
  }
}
