package org.linli.resident;

import org.linli.infra.architecture.ServiceArchitectureTest;

/** resident-service keeps the package convention of docs/architecture.md (the rules are inherited). */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.linli.resident");
    }
}
