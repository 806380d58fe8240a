package org.linli.points;

import org.linli.infra.rest.ServiceOpenApiTruthTest;

import io.quarkus.test.junit.QuarkusTest;

/** points-service's /q/openapi advertises only what a client may send (the checks are inherited). */
@QuarkusTest
class OpenApiTruthTest extends ServiceOpenApiTruthTest {
}
