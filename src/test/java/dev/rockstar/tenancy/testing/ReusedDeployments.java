package dev.rockstar.tenancy.testing;

import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;

/**
 * One deployment for every test class that deploys the same archive: Arquillian deploys each
 * class's {@code @Deployment} before the class and undeploys it after, which on Payara Micro
 * starts and stops a whole server each time. This extension keeps the last archive deployed when
 * its class ends, and when the next class's archive is the same ({@link ArchiveDigest}), hands that
 * class the running deployment (its {@link ProtocolMetaData}, from which {@code @ArquillianResource
 * URL} comes) instead of deploying it again. A different archive undeploys the kept one first; the
 * end of the suite undeploys the last. Nothing else changes: the adapters (Payara Micro, WildFly,
 * GlassFish) deploy and undeploy as they always do, only less often.
 *
 * <p>The test classes' order ({@link DeploymentOrder}) puts classes with the same archive next to
 * each other, so that each archive is deployed once.
 *
 * <p>On Payara Micro every start and stop goes through {@link PayaraMicroStarts}: a start whose
 * boot hung is tried once more, each start's output is kept under {@code target/}, and a stopped
 * server is waited for.
 */
public final class ReusedDeployments implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Keeper.class);
    }

    /** Runs inside Arquillian's own deployment handling: after it made the deployment's contexts. */
    public static class Keeper {

        private static final Logger LOG = Logger.getLogger(ReusedDeployments.class.getName());
        private static final int INSIDE_THE_CONTEXTS = -100;

        @Inject
        @DeploymentScoped
        private InstanceProducer<DeploymentDescription> description;

        @Inject
        @DeploymentScoped
        private InstanceProducer<Deployment> deploymentProducer;

        @Inject
        @DeploymentScoped
        private InstanceProducer<ProtocolMetaData> protocolMetaData;

        @Inject
        private Event<UnDeployDeployment> undeploy;

        @Inject
        private Instance<TestClass> testClass;

        private Kept kept;

        public void deploy(@Observes(precedence = INSIDE_THE_CONTEXTS) EventContext<DeployDeployment> context)
                throws Exception {
            DeployDeployment event = context.getEvent();
            Deployment deployment = event.getDeployment();
            DeploymentDescription described = deployment.getDescription();
            String digest = reusable(described) ? ArchiveDigest.of(archive(described)) : null;
            if (kept != null && digest != null && kept.holds(event.getContainer(), digest)) {
                description.set(described);
                deploymentProducer.set(deployment);
                protocolMetaData.set(kept.metaData);
                deployment.deployed();
                kept = kept.now(deployment);
                LOG.info(() ->
                        "Reusing the deployment of " + described.getArchive().getName() + " (" + digest + ")");
                return;
            }
            undeployKept();
            if (PayaraMicroStarts.isPayaraMicro(event.getDeployableContainer())) {
                PayaraMicroStarts.start(event.getDeployableContainer(), deployment, testClassName(), context::proceed);
            } else {
                context.proceed();
            }
            if (digest != null && deployment.isDeployed() && !deployment.hasDeploymentError()) {
                kept = new Kept(event.getContainer(), digest, protocolMetaData.get(), deployment);
                LOG.info(() -> "Deployed " + described.getArchive().getName() + " (" + digest + ")");
            }
        }

        /** The end of a class: the deployment it was handed stays for the next class. */
        public void undeploy(@Observes(precedence = INSIDE_THE_CONTEXTS) EventContext<UnDeployDeployment> context) {
            Deployment deployment = context.getEvent().getDeployment();
            if (kept != null && kept.deployment == deployment) {
                deployment.undeployed();
                return;
            }
            context.proceed();
            if (PayaraMicroStarts.isPayaraMicro(context.getEvent().getDeployableContainer())) {
                PayaraMicroStarts.stopped(context.getEvent().getDeployableContainer());
            }
        }

        public void stop(@Observes BeforeStop event) {
            if (kept != null && kept.deployableContainer() == event.getDeployableContainer()) {
                undeployKept();
            }
        }

        private void undeployKept() {
            if (kept != null) {
                Kept last = kept;
                kept = null;
                LOG.info(() -> "Undeploying " + last.digest);
                undeploy.fire(new UnDeployDeployment(last.container, last.deployment));
            }
        }

        private String testClassName() {
            TestClass current = testClass.get();
            return current == null ? "deployment" : current.getJavaClass().getSimpleName();
        }

        /** Only an archive that deploys as it is: one expected to fail deploys every time. */
        private static boolean reusable(DeploymentDescription described) {
            return described.isArchiveDeployment() && described.getExpectedException() == null;
        }

        private static Archive<?> archive(DeploymentDescription described) {
            return described.getTestableArchive() != null ? described.getTestableArchive() : described.getArchive();
        }
    }

    /** The deployment left running, and the class's {@link Deployment} that last had it. */
    private record Kept(Container container, String digest, ProtocolMetaData metaData, Deployment deployment) {

        boolean holds(Container other, String otherDigest) {
            return container == other && digest.equals(otherDigest);
        }

        Kept now(Deployment next) {
            return new Kept(container, digest, metaData, next);
        }

        DeployableContainer<?> deployableContainer() {
            return container.getDeployableContainer();
        }
    }
}
