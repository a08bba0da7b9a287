package dev.sluice.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Entry ids as Redis writes them, and their order. */
class RedisStreamIdsTest {
  @Test
  void canonicalIds_areValid_andNothingElse() {
    for (String id : List.of("0-0", "1-0", "1764698161234-7", "18446744073709551615-1")) {
      assertTrue(RedisStreamIds.valid(id), id);
    }
    for (String id :
        List.of(
            "",
            "-",
            "1",
            "1-",
            "-1",
            "01-0",
            "1-01",
            "+1-0",
            "1-0-0",
            "a-b",
            "18446744073709551616-0",
            " 1-0",
            "$",
            "*")) {
      assertFalse(RedisStreamIds.valid(id), id);
    }
  }

  @Test
  void order_isByMillisThenSequence_unsigned() {
    List<String> ordered =
        List.of(
            "0-0", "0-1", "1-0", "9-5", "10-0", "9223372036854775808-0", "18446744073709551615-0");
    for (int i = 0; i < ordered.size(); i++) {
      for (int j = 0; j < ordered.size(); j++) {
        assertEquals(
            Integer.signum(Integer.compare(i, j)),
            Integer.signum(RedisStreamIds.compare(ordered.get(i), ordered.get(j))),
            ordered.get(i) + " vs " + ordered.get(j));
      }
    }
    assertEquals(1764698161234L, RedisStreamIds.millis("1764698161234-7"));
  }
}
