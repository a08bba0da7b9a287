package dev.sluice.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Classifies what an endpoint method returns. Validation reports {@link Result#problem}; the model
 * reads the rest, which is only meaningful when there is no problem.
 *
 * <p>A method returns a {@link ReturnKind} or any subtype of one, found by name among the return
 * type's supertypes, and its element type {@code X} is the kind's type argument as the return type
 * inherits it: {@code X = Tick} for a {@code class Ticks extends SubmissionPublisher<Tick>}, and
 * for a {@code Flux<Tick>}, which is an {@code org.reactivestreams.Publisher<Tick>} through {@code
 * CorePublisher<Tick>}. Types that look like streams of events and are not (an RxJava {@code
 * Observable}, a {@code Single}, a {@code CompletableFuture}, an Akka {@code Source}) get an error
 * saying what to return instead.
 */
final class ReturnTypes {
  static final String SSE_EVENT = "dev.sluice.SseEvent";

  /**
   * A type that is not a stream of events with backpressure, though it may look like one.
   *
   * @param fix for {@link Messages#SINGLE_VALUE}, what to return instead; null for the others
   */
  private record Misfit(String qualifiedName, Messages message, String fix) {}

  private static final String TO_FLOWABLE = "its toFlowable()";
  private static final List<Misfit> MISFITS =
      List.of(
          // No backpressure at all: a slow client would make Sluice buffer without bound.
          new Misfit("io.reactivex.rxjava3.core.Observable", Messages.NO_BACKPRESSURE, null),
          new Misfit("io.reactivex.Observable", Messages.NO_BACKPRESSURE, null),
          // One value at most, and not a publisher: the conversion is one call.
          new Misfit("io.reactivex.rxjava3.core.Single", Messages.SINGLE_VALUE, TO_FLOWABLE),
          new Misfit("io.reactivex.rxjava3.core.Maybe", Messages.SINGLE_VALUE, TO_FLOWABLE),
          new Misfit("io.reactivex.rxjava3.core.Completable", Messages.SINGLE_VALUE, TO_FLOWABLE),
          new Misfit("io.reactivex.Single", Messages.SINGLE_VALUE, TO_FLOWABLE),
          new Misfit("io.reactivex.Maybe", Messages.SINGLE_VALUE, TO_FLOWABLE),
          new Misfit("io.reactivex.Completable", Messages.SINGLE_VALUE, TO_FLOWABLE),
          new Misfit("io.smallrye.mutiny.Uni", Messages.SINGLE_VALUE, "its toMulti()"),
          new Misfit(
              "java.util.concurrent.CompletionStage",
              Messages.SINGLE_VALUE,
              "Mono.fromCompletionStage(..) or Multi.createFrom().completionStage(..) of it"),
          // A blueprint: nothing runs until it is materialized.
          new Misfit("akka.stream.javadsl.Source", Messages.UNMATERIALIZED_SOURCE, null),
          new Misfit("akka.stream.scaladsl.Source", Messages.UNMATERIALIZED_SOURCE, null),
          new Misfit(
              "org.apache.pekko.stream.javadsl.Source", Messages.UNMATERIALIZED_SOURCE, null),
          new Misfit(
              "org.apache.pekko.stream.scaladsl.Source", Messages.UNMATERIALIZED_SOURCE, null));

  private ReturnTypes() {}

  /**
   * @param elementType X in {@code Stream<X>}, or Y for {@code ? extends Y}
   * @param payloadType the element type, or Y for an {@code SseEvent<Y>} element
   */
  record Result(
      String problem,
      ReturnKind kind,
      Encoding encoding,
      TypeMirror elementType,
      TypeMirror payloadType,
      boolean covariantEvents) {
    static Result problem(String message) {
      return new Result(message, null, null, null, null, false);
    }
  }

  static Result classify(ExecutableElement method, Types types) {
    TypeMirror returnType = method.getReturnType();
    String methodText = TypeText.of(method);
    String returnText = TypeText.of(returnType);
    ReturnKind kind = null;
    DeclaredType view = null;
    for (ReturnKind candidate : ReturnKind.values()) {
      Optional<DeclaredType> found = asSupertype(returnType, candidate.qualifiedName(), types);
      if (found.isPresent()) {
        kind = candidate;
        view = found.get();
        break;
      }
    }
    if (kind == null) {
      return Result.problem(misfit(returnType, methodText, types));
    }
    if (view.getTypeArguments().isEmpty()) {
      return Result.problem(
          isRaw(returnType)
              ? Messages.RAW_RETURN_TYPE.format(methodText, returnText)
              : Messages.RAW_SUPERTYPE.format(
                  methodText, returnText, TypeText.of(types.erasure(view))));
    }
    TypeMirror element = upperBound(view.getTypeArguments().get(0));
    if (element == null) {
      return Result.problem(Messages.WILDCARD_ELEMENT.format(methodText, returnText));
    }
    Optional<TypeMirror> raw = TypeScans.rawType(element);
    if (raw.isPresent()) {
      return Result.problem(
          Messages.RAW_ELEMENT.format(methodText, returnText, TypeText.of(raw.get())));
    }
    Optional<TypeMirror> variable = TypeScans.typeVariable(element);
    if (variable.isPresent()) {
      return Result.problem(
          Messages.TYPE_VARIABLE_ELEMENT.format(
              methodText, returnText, TypeText.of(variable.get())));
    }
    if (isClass(element, "java.lang.String")) {
      return new Result(null, kind, Encoding.TEXT, element, element, false);
    }
    if (!isClass(element, SSE_EVENT)) {
      return new Result(null, kind, Encoding.JSON, element, element, false);
    }
    TypeMirror data = ((DeclaredType) element).getTypeArguments().get(0);
    boolean covariant = data.getKind() == TypeKind.WILDCARD;
    data = upperBound(data);
    if (data == null) {
      return Result.problem(Messages.WILDCARD_ELEMENT.format(methodText, returnText));
    }
    Encoding encoding =
        isClass(data, "java.lang.String") ? Encoding.TEXT_EVENTS : Encoding.JSON_EVENTS;
    return new Result(null, kind, encoding, element, data, covariant);
  }

  /** The message for a return type of no {@link ReturnKind}: a fix where one is known. */
  private static String misfit(TypeMirror returnType, String methodText, Types types) {
    String returnText = TypeText.of(returnType);
    for (Misfit misfit : MISFITS) {
      if (asSupertype(returnType, misfit.qualifiedName(), types).isPresent()) {
        return misfit.fix() == null
            ? misfit.message().format(methodText, returnText)
            : misfit.message().format(methodText, returnText, misfit.fix());
      }
    }
    return Messages.RETURN_TYPE.format(methodText, returnText);
  }

  /**
   * {@code type} as the class or interface {@code qualifiedName}, with the type arguments it
   * inherits: {@code Publisher<Tick>} for a {@code Flux<Tick>}. Javac substitutes the arguments
   * along the way, so a type whose own parameter is not the element type still yields the element
   * type. A raw type's supertypes are raw.
   */
  static Optional<DeclaredType> asSupertype(TypeMirror type, String qualifiedName, Types types) {
    return asSupertype(type, qualifiedName, types, new HashSet<>());
  }

  private static Optional<DeclaredType> asSupertype(
      TypeMirror type, String qualifiedName, Types types, Set<String> visited) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    // A class inherits an interface once, with one set of arguments: each is searched once.
    if (!visited.add(element.getQualifiedName().toString())) {
      return Optional.empty();
    }
    if (element.getQualifiedName().contentEquals(qualifiedName)) {
      return Optional.of((DeclaredType) type);
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      Optional<DeclaredType> found = asSupertype(supertype, qualifiedName, types, visited);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The first supertype of {@code type}, at any depth, that does not exist: a class another
   * processor has yet to generate, or one missing from the class path (a {@code Flux} without the
   * reactive-streams jar). Until it exists, what the method returns cannot be told.
   */
  static Optional<TypeMirror> missingSupertype(TypeMirror type, Types types) {
    return missingSupertype(type, types, new HashSet<>());
  }

  private static Optional<TypeMirror> missingSupertype(
      TypeMirror type, Types types, Set<String> visited) {
    if (type.getKind() != TypeKind.DECLARED
        || !visited.add(
            ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString())) {
      return Optional.empty();
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.ERROR) {
        return Optional.of(supertype);
      }
      Optional<TypeMirror> found = missingSupertype(supertype, types, visited);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** A generic class used without its type arguments. */
  private static boolean isRaw(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).getTypeArguments().isEmpty()
        && !((TypeElement) ((DeclaredType) type).asElement()).getTypeParameters().isEmpty();
  }

  /** The type itself, Y for {@code ? extends Y}, or null for {@code ?} and {@code ? super Y}. */
  private static TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return type;
    }
    return ((WildcardType) type).getExtendsBound();
  }

  static boolean isClass(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }
}
