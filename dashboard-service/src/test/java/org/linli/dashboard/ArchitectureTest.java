package org.linli.dashboard;

import org.linli.infra.architecture.ServiceArchitectureTest;

/** dashboard-service keeps the package convention of docs/architecture.md (the rules are inherited). */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.linli.dashboard");
    }
}
