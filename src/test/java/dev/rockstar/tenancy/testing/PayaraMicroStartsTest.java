package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.junit.jupiter.api.Test;

/** Which failed starts of Payara Micro are tried once more: only a boot that hung. */
class PayaraMicroStartsTest {

    private static final DeploymentException TIME_OUT = new DeploymentException(PayaraMicroStarts.NOT_STARTED);
    private static final String BOOTING = "[INFO] Registered fish.payara.ha.hazelcast.store\n"
            + "[INFO] Network Listener http-listener started in: 12ms\n";
    private static final String BOOTED =
            BOOTING + "[INFO] [NCLS-CORE-00017] Payara Micro 6.2025.10 (42) startup time : Embedded (1,178ms)\n";

    @Test
    void aServerStillBootingWhenTheAdapterGaveUpIsTriedAgain() {
        assertTrue(PayaraMicroStarts.bootHung(TIME_OUT, true, BOOTING));
        assertTrue(PayaraMicroStarts.bootHung(new RuntimeException("wrapped", TIME_OUT), true, ""));
    }

    @Test
    void aServerThatExitedIsNot() {
        assertFalse(PayaraMicroStarts.bootHung(TIME_OUT, false, BOOTING));
    }

    @Test
    void aServerThatBootedButDidNotDeployTheWarInTimeIsNot() {
        assertFalse(PayaraMicroStarts.bootHung(TIME_OUT, true, BOOTED));
    }

    @Test
    void aWarThatFailedToDeployIsNot() {
        String failed = BOOTING + "[SEVERE] Exception while loading the app : CDI deployment failure:WELD-001408\n";
        assertTrue(PayaraMicroStarts.deploymentFailed(failed));
        assertFalse(PayaraMicroStarts.bootHung(TIME_OUT, true, failed));
        assertFalse(PayaraMicroStarts.deploymentFailed(BOOTED));
    }

    @Test
    void anyOtherFailureIsNot() {
        assertFalse(PayaraMicroStarts.bootHung(new DeploymentException("Could not deploy"), true, BOOTING));
        assertFalse(PayaraMicroStarts.bootHung(new IllegalStateException(), true, BOOTING));
    }
}
