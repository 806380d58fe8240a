package org.linli.partner;

import org.linli.infra.rest.ServiceOpenApiTruthTest;

import io.quarkus.test.junit.QuarkusTest;

/** partner-gateway's /q/openapi advertises only what a client may send (the checks are inherited). */
@QuarkusTest
class OpenApiTruthTest extends ServiceOpenApiTruthTest {
}
