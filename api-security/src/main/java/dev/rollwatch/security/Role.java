package dev.rollwatch.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an API key may do. Releasers and operators can also read; requesting releases and steering
 * running ones are separate rights, so a CI key cannot abort other teams' releases.
 */
public enum Role {
    VIEWER,
    RELEASER,
    OPERATOR;

    public static final String VIEWER_NAME = "viewer";
    public static final String RELEASER_NAME = "releaser";
    public static final String OPERATOR_NAME = "operator";

    public String roleName() {
        return name().toLowerCase();
    }

    /** The role and the roles it implies. */
    public Set<Role> granted() {
        return this == VIEWER ? EnumSet.of(VIEWER) : EnumSet.of(this, VIEWER);
    }

    public static Role parse(String name) {
        return Arrays.stream(values())
                .filter(r -> r.roleName().equals(name.trim().toLowerCase()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown role '" + name + "' (expected viewer, releaser or operator)"));
    }
}
