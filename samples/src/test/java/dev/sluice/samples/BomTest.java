package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so that importing it brings no one else's versions), so nothing but this
 * test keeps it in step with the build: it manages every published module, at the project's
 * version.
 */
class BomTest {
  /** Modules that are not published for users: the demo, and the build's own parts. */
  private static final List<String> UNPUBLISHED =
      List.of("samples", "benchmarks", "bom", "module-path-test");

  @Test
  void bom_managesEveryPublishedModule_atTheProjectsVersion() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Document parent = parse(root.resolve("pom.xml"));
    Document bom = parse(root.resolve("bom/pom.xml"));

    TreeSet<String> published = new TreeSet<>();
    // The reactor's own list (project/modules/module): plugin configurations have <module>s too.
    NodeList modules = child(parent.getDocumentElement(), "modules").getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      if (!UNPUBLISHED.contains(module)) {
        published.add(artifactId(parse(root.resolve(module).resolve("pom.xml"))));
      }
    }
    TreeSet<String> managed = new TreeSet<>();
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      managed.add(text(dependency, "artifactId"));
      assertEquals(
          "${project.version}", text(dependency, "version"), text(dependency, "artifactId"));
    }

    assertEquals(published, managed);
    assertEquals(
        text(parent.getDocumentElement(), "version"),
        text(bom.getDocumentElement(), "version"),
        "the BOM's version is the project's");
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(Files.newInputStream(pom));
  }

  private static String artifactId(Document pom) {
    return text(pom.getDocumentElement(), "artifactId");
  }

  /** {@code element}'s own child named {@code name} (not a nested one). */
  private static Element child(Element element, String name) {
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
        return child;
      }
    }
    throw new AssertionError("No <" + name + "> in <" + element.getTagName() + ">");
  }

  /** The text of {@code element}'s own child named {@code name} (not a nested one's). */
  private static String text(Element element, String name) {
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
        return child.getTextContent().trim();
      }
    }
    throw new AssertionError(element.getTagName() + " has no " + name);
  }
}
