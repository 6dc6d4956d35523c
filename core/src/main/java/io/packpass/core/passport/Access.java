package io.packpass.core.passport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access tier of one passport field. Every component of every passport record carries one;
 * {@link PassportView} reads them to cut a passport down to what a role may see, and a test
 * checks that no component lacks it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Access {
  Tier value();
}
