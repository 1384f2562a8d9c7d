package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Test;

class DeploymentOrderTest {

    @Test
    void ownServersFirstThenTheLargestGroupThenTheOthersByName() {
        List<Class<?>> given = List.of(
                OtherB.class, SharedB.class, OwnServer.class, OtherA.class, Apart.class, SharedC.class, SharedA.class);
        for (int shift = 0; shift < given.size(); shift++) {
            List<Class<?>> rotated = new ArrayList<>(given.subList(shift, given.size()));
            rotated.addAll(given.subList(0, shift));
            assertEquals(
                    List.of(
                            OwnServer.class,
                            SharedA.class,
                            SharedB.class,
                            SharedC.class,
                            OtherA.class,
                            OtherB.class,
                            Apart.class),
                    ordered(rotated),
                    "from " + rotated);
        }
    }

    private static List<Class<?>> ordered(List<Class<?>> classes) {
        List<ClassDescriptor> descriptors =
                new ArrayList<>(classes.stream().map(Descriptor::new).toList());
        new DeploymentOrder().orderClasses(new ClassOrdererContext() {
            @Override
            public List<? extends ClassDescriptor> getClassDescriptors() {
                return descriptors;
            }

            @Override
            public Optional<String> getConfigurationParameter(String key) {
                return Optional.empty();
            }
        });
        return descriptors.stream().<Class<?>>map(ClassDescriptor::getTestClass).toList();
    }

    private static WebArchive archive(String config) {
        return ShrinkWrap.create(WebArchive.class, "app.war")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    static class OwnServer {}

    static class SharedA {
        @Deployment
        static WebArchive deployment() {
            return archive("shared");
        }
    }

    static class SharedB extends SharedA {}

    static class SharedC {
        @Deployment
        static WebArchive deployment() {
            return archive("shared");
        }
    }

    static class OtherB {
        @Deployment
        static WebArchive deployment() {
            return archive("other");
        }
    }

    static class OtherA extends OtherB {}

    /** Its archive is unlike any other's: a group of one, after the larger ones. */
    static class Apart {
        @Deployment
        static WebArchive deployment() {
            return archive("apart");
        }
    }

    private record Descriptor(Class<?> testClass) implements ClassDescriptor {

        @Override
        public Class<?> getTestClass() {
            return testClass;
        }

        @Override
        public String getDisplayName() {
            return testClass.getSimpleName();
        }

        @Override
        public boolean isAnnotated(Class<? extends Annotation> type) {
            return testClass.isAnnotationPresent(type);
        }

        @Override
        public <A extends Annotation> Optional<A> findAnnotation(Class<A> type) {
            return Optional.ofNullable(testClass.getAnnotation(type));
        }

        @Override
        public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> type) {
            return Stream.of(testClass.getAnnotationsByType(type)).toList();
        }
    }
}
