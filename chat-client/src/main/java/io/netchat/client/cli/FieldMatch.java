package io.netchat.client.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition of an {@code expect}: {@code path=value} (the field's text equals value) or
 * {@code path~value} (a text field contains value, or an array has an element equal to it).
 * {@code path} is a field name, or names and array indexes joined by dots
 * ({@code limits.max_text_length}, {@code members.0}).
 */
record FieldMatch(String path, boolean contains, String value) {

  boolean test(JsonNode event) {
    JsonNode node = event;
    for (String part : path.split("\\.")) {
      if (node == null) {
        return false;
      }
      node = node.isArray() && part.chars().allMatch(Character::isDigit)
          ? node.get(Integer.parseInt(part)) : node.get(part);
    }
    if (node == null || node.isMissingNode()) {
      return false;
    }
    if (!contains) {
      return node.isValueNode() ? node.asText().equals(value) : node.toString().equals(value);
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if ((element.isValueNode() ? element.asText() : element.toString()).equals(value)) {
          return true;
        }
      }
      return false;
    }
    return (node.isValueNode() ? node.asText() : node.toString()).contains(value);
  }

  @Override
  public String toString() {
    return path + (contains ? "~" : "=") + value;
  }
}
