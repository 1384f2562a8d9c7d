package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class ArchiveDigestTest {

    @Test
    void theSameEntriesAddedInAnotherOrderAreTheSameArchive() {
        WebArchive one = ShrinkWrap.create(WebArchive.class, "app.war")
                .addAsResource(new StringAsset("a=1\n"), "META-INF/microprofile-config.properties")
                .addClasses(CacheProbe.class, PipelineProbe.class);
        WebArchive other = ShrinkWrap.create(WebArchive.class, "app.war")
                .addClasses(PipelineProbe.class, CacheProbe.class)
                .addAsResource(new StringAsset("a=1\n"), "META-INF/microprofile-config.properties");
        assertEquals(ArchiveDigest.of(one), ArchiveDigest.of(other));
    }

    @Test
    void anotherConfigurationOrNameIsAnotherArchive() {
        WebArchive one = ShrinkWrap.create(WebArchive.class, "app.war")
                .addAsResource(new StringAsset("a=1\n"), "META-INF/microprofile-config.properties");
        WebArchive other = ShrinkWrap.create(WebArchive.class, "app.war")
                .addAsResource(new StringAsset("a=2\n"), "META-INF/microprofile-config.properties");
        WebArchive renamed = ShrinkWrap.create(WebArchive.class, "other.war")
                .addAsResource(new StringAsset("a=1\n"), "META-INF/microprofile-config.properties");
        assertNotEquals(ArchiveDigest.of(one), ArchiveDigest.of(other));
        assertNotEquals(ArchiveDigest.of(one), ArchiveDigest.of(renamed));
    }

    @Test
    void aProbeComesWithItsNestedClasses() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "app.war").addClasses(CacheProbe.class);
        assertTrue(war.contains("WEB-INF/classes/dev/rockstar/tenancy/testing/CacheProbe$Scoped.class"), war::toString);
    }
}
