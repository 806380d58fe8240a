package org.linli.canteen;

import org.linli.infra.architecture.ServiceArchitectureTest;

/** canteen-service keeps the package convention of docs/architecture.md (the rules are inherited). */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.linli.canteen");
    }
}
