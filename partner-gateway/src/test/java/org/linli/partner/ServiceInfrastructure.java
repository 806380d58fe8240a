package org.linli.partner;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import org.linli.infra.LinliTestResource;

/** Every test of this module runs against a real PostgreSQL (database linli_partner) and a real Kafka broker. */
@WithTestResource(value = LinliTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "partner"))
public final class ServiceInfrastructure {

    private ServiceInfrastructure() {
    }
}
