package org.linli.points;

import org.linli.infra.architecture.ServiceArchitectureTest;

/** points-service keeps the package convention of docs/architecture.md (the rules are inherited). */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.linli.points");
    }
}
