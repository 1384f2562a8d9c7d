package dev.rockstar.tenancy.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves out every test of a run whose server needs a newer Java than the one the tests run on
 * ({@code it.required.java}), and says so in one line. The payara7-postgresql execution sets 21
 * (Payara Micro 7 needs it) and runs on the newest JDK that Maven's toolchains discovery found
 * (pom.xml, "select-newest-jdk"): on a machine with Java 17 alone that is 17, and the execution
 * runs no test rather than failing on a server that cannot start.
 */
public class RequiredJava implements PostDiscoveryFilter {

    private static final AtomicBoolean SAID = new AtomicBoolean();

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        String required = System.getProperty("it.required.java");
        int running = Runtime.version().feature();
        if (required == null || running >= Integer.parseInt(required)) {
            return FilterResult.included("runs on Java " + running);
        }
        String reason = "SKIPPED: this server needs Java " + required + " or later, and the newest JDK that Maven's"
                + " toolchains discovery found is Java " + running
                + " (install a JDK " + required
                + "+ where it looks, e.g. /usr/lib/jvm, or give -Dit.payara7.jvm=<java>)";
        if (SAID.compareAndSet(false, true)) {
            System.out.println(reason);
        }
        return FilterResult.excluded(reason);
    }
}
