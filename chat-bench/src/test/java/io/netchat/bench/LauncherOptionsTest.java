package io.netchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bench starts both servers with the collector options {@code bin/netchat-server} gives the daemon. */
class LauncherOptionsTest {

  @Test
  void theBenchDefaultsCarryTheLaunchersCollectorYoungGenerationAndRecyclerOptions() throws Exception {
    String launcher = Files.readString(Path.of("..", "bin", "netchat-server"));
    List<String> launched = List.of(
        single(launcher, "(?m)^collector=\\((\\S+)\\)$"),
        single(launcher, "(?m)^young=\\((\\S+)\\)$"));
    Matcher recycler = Pattern.compile("(?m)^jvm_opts\\+=\\(\\S+ \\S+ (.+)\\)$").matcher(launcher);
    assertThat(recycler.find()).as("the launcher's jvm_opts line with its recycler options").isTrue();

    List<String> bench = Arrays.asList(CommonOptions.LAUNCHER_GC_OPTIONS.split(" "));
    assertThat(bench).containsSubsequence(launched);
    assertThat(bench).containsAll(Arrays.asList(recycler.group(1).split(" ")));
    assertThat(String.join(" ", bench)).isEqualTo(String.join(" ", launched) + " " + recycler.group(1));
  }

  private static String single(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group(1);
  }
}
