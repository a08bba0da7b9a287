package dev.sluice.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports errors without throwing, so that validation carries on and a user with three mistakes
 * sees three errors. Counting them lets a phase tell whether its element came out clean.
 */
final class ErrorReporter {
  private final Messager messager;
  private int errorCount;

  ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  void error(String message, Element element) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /** Points at the annotation, so that the IDE underlines it. */
  void error(String message, Element element, AnnotationMirror annotation) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
  }

  /** Points at the annotation's attribute, so that the IDE underlines the value at fault. */
  void error(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
  }

  /** For failures that no element can be blamed for. */
  void error(String message) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message);
  }

  int errorCount() {
    return errorCount;
  }
}
