package io.packpass.core.passport;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that decides what a role may read of a passport. The agent's CoAP server and the
 * registry's HTTP server both call {@link #forRole}, so they cannot disagree.
 *
 * <p>It walks the record components and their {@link Access} tiers: a component the role may not
 * read becomes empty (an empty {@code Optional}, list or map); a readable component that is itself
 * a passport record (or an optional, or list of them) is filtered the same way, so finer tiers
 * inside a public part (for example the legitimate-interest lifetime inside the public
 * performance data) still apply.
 */
public final class PassportView {
  private PassportView() {
  }

  public static Passport forRole(Passport passport, Role role) {
    return filter(passport, role);
  }

  /** Whether {@code type}'s components all carry an {@link Access} tier (checked by tests). */
  static List<String> componentsWithoutTier(Class<? extends Record> type) {
    List<String> missing = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      if (component.getAnnotation(Access.class) == null) {
        missing.add(type.getSimpleName() + "." + component.getName());
      }
    }
    return missing;
  }

  @SuppressWarnings("unchecked")
  private static <R extends Record> R filter(R record, Role role) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      Access access = component.getAnnotation(Access.class);
      if (access == null) {
        throw new IllegalStateException(record.getClass().getSimpleName() + "." + component.getName()
            + " has no access tier");
      }
      Object value = read(component, record);
      values[i] = role.mayRead(access.value()) ? deeper(value, role) : empty(component, value);
    }
    try {
      Constructor<?> constructor = record.getClass().getDeclaredConstructor(types);
      return (R) constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName() + " for role " + role,
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName(), e);
    }
  }

  private static Object deeper(Object value, Role role) {
    if (value instanceof Record record && isPassportRecord(record.getClass())) {
      return filter(record, role);
    }
    if (value instanceof Optional<?> optional) {
      return optional.map(v -> deeper(v, role));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> deeper(v, role)).toList();
    }
    return value;
  }

  private static boolean isPassportRecord(Class<?> type) {
    return type.getPackage() == PassportView.class.getPackage();
  }

  private static Object empty(RecordComponent component, Object value) {
    Class<?> type = component.getType();
    if (type == Optional.class) {
      return Optional.empty();
    }
    if (type == List.class || Collection.class.isAssignableFrom(type)) {
      return List.of();
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (value instanceof Record record && isPassportRecord(record.getClass())) {
      // A required part nobody outside the tier may see would make the view unbuildable; the
      // model never declares one (tested), so reaching here is a programming error.
      throw new IllegalStateException(component.getName() + " is required but restricted");
    }
    throw new IllegalStateException("restricted component " + component.getDeclaringRecord().getSimpleName()
        + "." + component.getName() + " must be Optional, a List or a Map, not " + type.getSimpleName());
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component.getName(), e);
    }
  }
}
