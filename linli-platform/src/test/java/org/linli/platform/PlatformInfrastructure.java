package org.linli.platform;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import org.linli.infra.LinliTestResource;

/**
 * Every Quarkus test of the platform runs its test application against a real PostgreSQL (database
 * linli_platform) and the real Kafka broker of linli-infra.
 */
@WithTestResource(value = LinliTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "platform"))
public final class PlatformInfrastructure {

    private PlatformInfrastructure() {
    }
}
