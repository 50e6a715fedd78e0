package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every key of the shipped server.yaml is documented in docs/CONFIGURATION.md. */
class ConfigurationDocTest {

  @Test
  void everyShippedKeyIsDocumented() throws Exception {
    JsonNode shipped = new YAMLMapper().readTree(Path.of("..", "config", "server.yaml").toFile());
    String doc = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
    Set<String> keys = new LinkedHashSet<>();
    collectKeys(shipped, keys);

    assertThat(keys).hasSizeGreaterThan(25);
    assertThat(keys).allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
  }

  private static void collectKeys(JsonNode node, Set<String> keys) {
    if (node.isArray()) {
      node.forEach(item -> collectKeys(item, keys));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      keys.add(field.getKey());
      collectKeys(field.getValue(), keys);
    }
  }
}
