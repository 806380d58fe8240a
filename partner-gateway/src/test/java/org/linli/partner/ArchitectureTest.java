package org.linli.partner;

import org.linli.infra.architecture.ServiceArchitectureTest;

/** partner-gateway keeps the package convention of docs/architecture.md (the rules are inherited). */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.linli.partner");
    }
}
