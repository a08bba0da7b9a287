package dev.sluice.processor.openapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation's {@code summary} and {@code description} from its method's javadoc: the main
 * description (block tags such as {@code @param} dropped), inline tags as text ({@code {@code x}}
 * as {@code `x`}, {@code {@link Foo#bar}} as {@code Foo.bar}), HTML paragraphs as blank lines, and
 * the first sentence as the summary.
 */
final class DocComments {
  private static final Pattern CODE = Pattern.compile("\\{@(?:code|literal)\\s+([^}]*)}");
  private static final Pattern LINK =
      Pattern.compile("\\{@link(?:plain)?\\s+([^\\s}]+)(?:\\s+([^}]*))?}");
  private static final Pattern OTHER_TAG = Pattern.compile("\\{@\\w+\\s*([^}]*)}");
  private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@\\w+");
  private static final Pattern PARAGRAPH = Pattern.compile("(?i)\\s*<p>\\s*");
  private static final Pattern FIRST_SENTENCE =
      Pattern.compile("^(.*?\\.)(?:\\s|$)", Pattern.DOTALL);

  /** The summary and the full description; either may be null. */
  record Text(String summary, String description) {}

  private DocComments() {}

  static Text of(String javadoc) {
    if (javadoc == null) {
      return new Text(null, null);
    }
    String main = javadoc;
    Matcher block = BLOCK_TAG.matcher(main);
    if (block.find()) {
      main = main.substring(0, block.start());
    }
    main =
        CODE.matcher(main)
            .replaceAll(match -> Matcher.quoteReplacement("`" + match.group(1).strip() + "`"));
    main =
        LINK.matcher(main)
            .replaceAll(
                match ->
                    Matcher.quoteReplacement(
                        match.group(2) != null
                            ? match.group(2).strip()
                            : linkTarget(match.group(1))));
    main =
        OTHER_TAG
            .matcher(main)
            .replaceAll(match -> Matcher.quoteReplacement(match.group(1).strip()));
    StringBuilder text = new StringBuilder();
    for (String paragraph : PARAGRAPH.split(main)) {
      String joined = paragraph.strip().replaceAll("\\s+", " ");
      if (!joined.isEmpty()) {
        text.append(text.length() == 0 ? "" : "\n\n").append(joined);
      }
    }
    if (text.length() == 0) {
      return new Text(null, null);
    }
    String description = text.toString();
    Matcher first = FIRST_SENTENCE.matcher(description);
    String summary = first.find() ? first.group(1) : description;
    if (summary.contains("\n")) {
      summary = summary.substring(0, summary.indexOf('\n'));
    }
    return new Text(summary, description.equals(summary) ? null : description);
  }

  /** {@code Foo#bar(int)} as {@code Foo.bar}, {@code #bar} as {@code bar}. */
  private static String linkTarget(String target) {
    String text = target.replaceAll("\\(.*\\)$", "");
    return text.startsWith("#") ? text.substring(1) : text.replace('#', '.');
  }
}
