package io.netchat.store.sqlite;

import io.netchat.store.StoreStartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory, checked and locked: it exists (or is created), a file can be written in it,
 * and no other process (or other store in this JVM) holds its lock file. The lock is an OS file
 * lock, so a crashed holder releases it with its process.
 */
final class DataDirectory implements AutoCloseable {

  static final String DATABASE = "netchat.db";
  static final String LOCK = "netchat.lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Checks and locks {@code dir}; refuses with a message naming the path and what to do. */
  static DataDirectory lock(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    checkWritable(abs);
    Path lockFile = abs.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreStartupException("cannot open the lock file " + lockFile + ": " + e
          + " — make the data directory writable by the user running netchat", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // another store in this JVM holds it
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreStartupException("cannot lock " + lockFile + ": " + e, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StoreStartupException("the data directory " + abs + " is in use by another netchat"
          + " process (" + lockFile + " is locked) — stop that process, or give this one another"
          + " --data-dir");
    }
    return new DataDirectory(abs, channel, lock);
  }

  private static void checkWritable(Path abs) {
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new StoreStartupException("the data directory " + abs
          + " is not a directory — remove it or point --data-dir elsewhere");
    }
    try {
      Files.createDirectories(abs);
      Path probe = Files.createTempFile(abs, ".write-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new StoreStartupException("cannot write in the data directory " + abs + " (" + e
          + ") — create it and make it writable by the user running netchat, or point --data-dir"
          + " at a writable directory", e);
    }
  }

  Path path() {
    return dir;
  }

  Path database() {
    return dir.resolve(DATABASE);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases it too
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do: the lock dies with the channel or the process
    }
  }
}
