package org.linli.points;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import org.linli.infra.LinliTestResource;

/** Every test of this module runs against a real PostgreSQL (database linli_points) and a real Kafka broker. */
@WithTestResource(value = LinliTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "points"))
public final class ServiceInfrastructure {

    private ServiceInfrastructure() {
    }
}
