package dev.sluice.samples.inherit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.samples.Bodies;
import dev.sluice.test.SluiceExtension;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registered object serves the endpoints its class inherits, from a superclass and from an
 * interface's default method, as if its class declared them; an override is that endpoint.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class InheritedEndpointsTest {
  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new LeafFeeds())
          .http(http -> http.version(HttpClient.Version.HTTP_1_1));

  private String body(String path) throws Exception {
    return Bodies.of(sluice, path);
  }

  @Test
  void interfaceDefaultMethod_isServed() throws Exception {
    assertEquals("data: hello ada from the interface\n\n", body("/inherited/default?name=ada"));
  }

  @Test
  void overriddenEndpoint_callsTheOverride() throws Exception {
    assertEquals("data: overridden\n\n", body("/inherited/base"));
  }

  @Test
  void abstractEndpoint_callsTheImplementationWithTheDeclaredBindings() throws Exception {
    assertEquals("data: number 3\n\n", body("/inherited/abstract/3"));
  }
}
