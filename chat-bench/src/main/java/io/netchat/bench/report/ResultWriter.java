package io.netchat.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Writes a {@link RunReport} as an indented JSON file named after its scenario and date. */
public final class ResultWriter {
  private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private final Path directory;

  public ResultWriter(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code report} to {@code <directory>/<scenario>-<yyyyMMdd-HHmmss>.json} and returns the path. */
  public Path write(RunReport report) throws IOException {
    return write(report.scenario(), report.date(), report);
  }

  /** Writes any report record to {@code <directory>/<scenario>-<yyyyMMdd-HHmmss>.json} and returns the path. */
  public Path write(String scenario, String date, Object report) throws IOException {
    Files.createDirectories(directory);
    String stamp = ZonedDateTime.parse(date).withZoneSameInstant(ZoneOffset.UTC).format(FILE_STAMP);
    Path file = directory.resolve(scenario + "-" + stamp + ".json");
    for (int n = 2; Files.exists(file); n++) {
      file = directory.resolve(scenario + "-" + stamp + "-" + n + ".json");
    }
    mapper.writeValue(file.toFile(), report);
    return file;
  }

  /** The JSON text of {@code report}. */
  public String toJson(RunReport report) throws IOException {
    return mapper.writeValueAsString(report);
  }
}
