package dev.workstation.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one harness of the integration and end-to-end tests: each test of a class marked with it gets
 * a fresh {@link Site} — as a parameter ({@code Site site}) of the test or of its
 * {@code @BeforeEach}, and in the fields marked {@link Given} of type {@link Site}, {@link Sandbox}
 * or {@link RosterRepo}. The site opens before the test's {@code @BeforeEach} methods and closes
 * after its {@code @AfterEach} methods. Where the sandbox cannot be built (not root, no util-linux)
 * the test is skipped, visibly, with the reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SandboxedSite.Extension.class)
public @interface SandboxedSite {

  /** A field the harness fills with this test's site, its sandbox or its roster repository. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  @interface Given {}

  /** The JUnit 5 extension behind {@link SandboxedSite}. */
  final class Extension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(SandboxedSite.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
      Object test = context.getRequiredTestInstance();
      if (!wantsSite(test.getClass(), context.getRequiredTestMethod())) {
        return; // a test of the class that needs no sandbox runs anywhere
      }
      // opened here, not on demand: where the sandbox cannot be built, the test is skipped
      Site site = site(context);
      for (Class<?> c = test.getClass(); c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (f.isAnnotationPresent(Given.class)) {
            f.setAccessible(true);
            f.set(test, part(site, f));
          }
        }
      }
    }

    /** A {@link Given} field, or a {@code Site} parameter of the test or a {@code @BeforeEach}. */
    private static boolean wantsSite(Class<?> type, Method test) {
      if (takesSite(test)) {
        return true;
      }
      for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (f.isAnnotationPresent(Given.class)) {
            return true;
          }
        }
        for (Method m : c.getDeclaredMethods()) {
          if (m.isAnnotationPresent(BeforeEach.class) && takesSite(m)) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean takesSite(Method m) {
      return Arrays.asList(m.getParameterTypes()).contains(Site.class);
    }

    private static Object part(Site site, Field f) {
      Class<?> type = f.getType();
      if (type == Site.class) {
        return site;
      } else if (type == Sandbox.class) {
        return site.box();
      } else if (type == RosterRepo.class) {
        return site.roster();
      }
      throw new IllegalStateException(
          f + ": @Given fills a Site, Sandbox or RosterRepo field, not a " + type.getName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Site.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return site(context);
    }

    private static Site site(ExtensionContext context) {
      return context
          .getStore(NS)
          .getOrComputeIfAbsent(
              "site",
              k -> {
                try {
                  return Site.open();
                } catch (RuntimeException | Error e) {
                  throw e; // a skipped assumption stays a skip
                } catch (Exception e) {
                  throw new IllegalStateException("cannot open the sandboxed site: " + e, e);
                }
              },
              Site.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
      Site site = context.getStore(NS).remove("site", Site.class);
      if (site != null) {
        site.close();
      }
    }
  }
}
