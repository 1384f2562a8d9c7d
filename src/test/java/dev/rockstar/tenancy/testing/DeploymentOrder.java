package dev.rockstar.tenancy.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The test classes' order, so that {@link ReusedDeployments} deploys each archive once: first the
 * classes without an Arquillian deployment (those that start servers of their own, and the unit
 * tests), so that no deployment kept for the next class runs beside their servers; then the
 * classes grouped by the archive their {@code @Deployment} builds, the largest group (the shared
 * default, {@link Deployments#war()}) first, then the others by their first class's name; by name
 * within a group. The same classes always come in the same order.
 */
public final class DeploymentOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Map<Class<?>, String> archives = new HashMap<>();
        for (ClassDescriptor descriptor : context.getClassDescriptors()) {
            Class<?> testClass = descriptor.getTestClass();
            archives.put(testClass, archiveOf(testClass).orElse(""));
        }
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, String> firstNames = new HashMap<>();
        archives.forEach((testClass, archive) -> {
            sizes.merge(archive, 1, Integer::sum);
            firstNames.merge(archive, testClass.getName(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        });
        Comparator<ClassDescriptor> order = Comparator.<ClassDescriptor>comparingInt(
                        d -> archives.get(d.getTestClass()).isEmpty() ? 0 : 1)
                .thenComparing(d -> -sizes.get(archives.get(d.getTestClass())))
                .thenComparing(d -> firstNames.get(archives.get(d.getTestClass())))
                .thenComparing(d -> d.getTestClass().getName());
        context.getClassDescriptors().sort(order);
    }

    /** The digest of the archive the class's static {@code @Deployment} method builds; a class whose method fails is a group of its own. */
    private static Optional<String> archiveOf(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Deployment.class)
                        && Modifier.isStatic(method.getModifiers())
                        && method.getParameterCount() == 0) {
                    try {
                        method.setAccessible(true);
                        return Optional.of(ArchiveDigest.of((Archive<?>) method.invoke(null)));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return Optional.of("unbuilt " + testClass.getName());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
