package dev.rollwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void theNamesUsedInRolesAllowedAreTheRolesNames() {
        assertThat(Role.VIEWER.roleName()).isEqualTo(Role.VIEWER_NAME);
        assertThat(Role.RELEASER.roleName()).isEqualTo(Role.RELEASER_NAME);
        assertThat(Role.OPERATOR.roleName()).isEqualTo(Role.OPERATOR_NAME);
    }

    @Test
    void rolesAreParsedIgnoringCaseAndSpace() {
        assertThat(Role.parse(" Releaser ")).isEqualTo(Role.RELEASER);
    }

    @Test
    void releasingDoesNotImplySteeringNorTheReverse() {
        assertThat(Role.RELEASER.granted()).containsExactlyInAnyOrder(Role.RELEASER, Role.VIEWER);
        assertThat(Role.OPERATOR.granted()).containsExactlyInAnyOrder(Role.OPERATOR, Role.VIEWER);
        assertThat(Role.VIEWER.granted()).containsExactly(Role.VIEWER);
    }

    @Test
    void anUnknownRoleIsRefused() {
        assertThatThrownBy(() -> Role.parse("admin")).isInstanceOf(IllegalArgumentException.class);
    }
}
