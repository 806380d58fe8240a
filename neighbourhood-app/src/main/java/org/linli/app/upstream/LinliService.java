package org.linli.app.upstream;

import java.util.Arrays;
import java.util.Optional;

/** The three services the app speaks to, by the name they have in the app's paths ({@code /api/canteen/...}). */
public enum LinliService {
    RESIDENT("resident"), POINTS("points"), CANTEEN("canteen");

    private final String pathName;

    LinliService(String pathName) {
        this.pathName = pathName;
    }

    public String pathName() {
        return pathName;
    }

    public static Optional<LinliService> named(String pathName) {
        return Arrays.stream(values()).filter(s -> s.pathName.equals(pathName)).findFirst();
    }
}
