package dev.sluice.internal.route;

import dev.sluice.wire.PathTemplate;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches request paths against templates, segment by segment: a literal segment wins over a
 * variable, and variables are percent-decoded after the path is split, so {@code %2F} stays inside
 * its segment. Immutable after building; safe for concurrent matching.
 *
 * @param <T> what a template routes to
 */
final class Router<T> {
  /** A successful match: the target and the decoded values of the template's variables. */
  record Match<T>(T target, Map<String, String> variables) {}

  private final Node<T> root = new Node<>();
  private final Map<String, String> shapes = new HashMap<>();

  /**
   * Adds a route for a valid template.
   *
   * @throws IllegalArgumentException if a template of the same shape is already routed
   */
  void add(PathTemplate template, T target) {
    String clash = shapes.putIfAbsent(template.shape(), template.template());
    if (clash != null) {
      throw new IllegalArgumentException(
          "Two routes for the same path: " + clash + " and " + template.template());
    }
    Node<T> node = root;
    List<String> names = new ArrayList<>();
    for (PathTemplate.Segment segment : template.segments()) {
      if (segment.isVariable()) {
        names.add(segment.value());
        if (node.variable == null) {
          node.variable = new Node<>();
        }
        node = node.variable;
      } else {
        node = node.literals.computeIfAbsent(segment.value(), s -> new Node<>());
      }
    }
    node.target = target;
    node.variableNames = List.copyOf(names);
  }

  /** The route for {@code path} (the raw, still percent-encoded request path), or null. */
  Match<T> match(String path) {
    if (!path.startsWith("/")) {
      return null;
    }
    // The root has no segment; any other path has at least one, maybe empty ("/a/" has two).
    String[] segments = path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
    List<String> values = new ArrayList<>();
    Node<T> node = find(root, segments, 0, values);
    if (node == null) {
      return null;
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      variables.put(node.variableNames.get(i), values.get(i));
    }
    return new Match<>(node.target, variables);
  }

  private Node<T> find(Node<T> node, String[] segments, int index, List<String> values) {
    if (index == segments.length) {
      return node.target != null ? node : null;
    }
    String decoded = decode(segments[index]);
    if (decoded == null) {
      return null;
    }
    Node<T> literal = node.literals.get(decoded);
    if (literal != null) {
      Node<T> found = find(literal, segments, index + 1, values);
      if (found != null) {
        return found;
      }
    }
    if (node.variable != null && !decoded.isEmpty()) {
      values.add(decoded);
      Node<T> found = find(node.variable, segments, index + 1, values);
      if (found != null) {
        return found;
      }
      values.remove(values.size() - 1);
    }
    return null;
  }

  /** Percent-decodes a segment; '+' is literal in a path. Null when the encoding is broken. */
  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final class Node<T> {
    final Map<String, Node<T>> literals = new HashMap<>();
    Node<T> variable;
    T target;
    List<String> variableNames;
  }
}
