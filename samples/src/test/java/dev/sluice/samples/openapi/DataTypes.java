package dev.sluice.samples.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.SseEvent;
import dev.sluice.annotation.HeaderParam;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import dev.sluice.annotation.SseEventName;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** One endpoint per kind of data type, so that the validator sees each kind of schema. */
public class DataTypes {
  public enum Level {
    LOW,
    @JsonProperty("hi")
    HIGH
  }

  /** A record of every kind of component. */
  public record Reading(
      int count,
      long total,
      double ratio,
      boolean ok,
      char grade,
      String label,
      Integer boxed,
      BigDecimal price,
      UUID id,
      Instant at,
      LocalDate day,
      Duration took,
      Level level,
      List<String> tags,
      Set<Integer> seen,
      Map<String, Double> weights,
      Optional<String> note,
      byte[] raw,
      @JsonProperty("renamed") String original,
      @JsonIgnore String secret,
      Reading previous) {}

  /** A bean, read by its getters as Jackson reads it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Station {
    public String getName() {
      return "north";
    }

    public boolean isActive() {
      return true;
    }

    public String getURL() {
      return "https://example.com";
    }

    @JsonIgnore
    public String getPassword() {
      return "hidden";
    }
  }

  /** A generic type, named after its arguments. */
  public record Page<T>(List<T> items, int total) {}

  /** A sealed type without names: any of its subtypes. */
  public sealed interface Shape permits Circle, Square {}

  public record Circle(double radius) implements Shape {}

  public record Square(double side) implements Shape {}

  @SseEventName("alarm")
  public record Alarm(String reason) {}

  @SseEndpoint("/types/readings")
  public Stream<Reading> readings(
      @QueryParam("level") Optional<Level> level,
      @QueryParam("tag") List<String> tags,
      @HeaderParam("X-Ids") Set<UUID> ids,
      @QueryParam("limit") int limit) {
    return Stream.empty();
  }

  @SseEndpoint("/types/stations")
  public Stream<SseEvent<Station>> stations() {
    return Stream.empty();
  }

  @SseEndpoint("/types/pages")
  public Stream<Page<Reading>> pages() {
    return Stream.empty();
  }

  @SseEndpoint("/types/shapes")
  public Stream<Shape> shapes() {
    return Stream.empty();
  }

  @SseEndpoint("/types/alarms")
  public Stream<Alarm> alarms() {
    return Stream.empty();
  }

  @SseEndpoint("/types/named-alarms")
  public Stream<SseEvent<Alarm>> namedAlarms() {
    return Stream.empty();
  }

  @SseEndpoint("/types/maps")
  public Stream<Map<String, List<Circle>>> maps() {
    return Stream.empty();
  }
}
