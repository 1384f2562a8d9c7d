package dev.rockstar.tenancy.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"bob", "Bob.Smith", "bob_smith-2", "bob@acme.example", "0", "."})
    void acceptsUsernamesOfLettersDigitsAndDotUnderscoreAtHyphen(String username) {
        assertTrue(UserRules.isPossibleUsername(username));
        assertEquals(username, UserRules.username(username));
        assertEquals("u".repeat(100), UserRules.username("u".repeat(100)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"bob smith", "bob/smith", "bøb", "bob\u0000", "bob:x", "bob\n"})
    void refusesEveryOtherUsernameNamingTheUsernameField(String username) {
        assertFalse(UserRules.isPossibleUsername(username));
        ValidationFailedException e = refused("username", () -> UserRules.username(username));
        assertEquals("username must have 1 to 100 letters, digits or . _ @ -", e.getMessage());
        refused("username", () -> UserRules.username("u".repeat(101)));
    }

    @Test
    void aPasswordHas8To200Characters() {
        assertEquals("12345678", UserRules.password("12345678"));
        assertEquals("p".repeat(200), UserRules.password("p".repeat(200)));
        assertEquals("pässwört ünd €", UserRules.password("pässwört ünd €"));
        for (String password : new String[] {null, "", "1234567", "p".repeat(201)}) {
            ValidationFailedException e = refused("password", () -> UserRules.password(password));
            assertEquals("password must have 8 to 200 characters", e.getMessage());
        }
    }

    @Test
    void rolesAreSortedWithoutDuplicates() {
        assertEquals(List.of("editor", "manager"), UserRules.roles(List.of("manager", "editor", "manager")));
        assertEquals(List.of(), UserRules.roles(null));
        assertEquals(List.of(), UserRules.roles(List.of()));
    }

    @Test
    void aMalformedRoleIsNamedByItsPlaceAmongTheSortedRoles() {
        ValidationFailedException e = refused("roles[1]", () -> UserRules.roles(List.of("manager", "bad role", "a")));
        // sorted: "a", "bad role", "manager"
        assertEquals("roles[1] must have 1 to 50 letters, digits, _ or -", e.getMessage());
        refused("roles[0]", () -> UserRules.roles(List.of("")));
        refused("roles[0]", () -> UserRules.roles(List.of("r".repeat(51))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenancy-admin", "Tenancy-Admin", "tenancy-anything"})
    void theOperatorsRolePrefixIsReserved(String role) {
        ValidationFailedException e = refused("roles[0]", () -> UserRules.roles(List.of(role)));
        assertEquals("roles[0] must not start with 'tenancy-': those roles are the operator's", e.getMessage());
        assertEquals(List.of("tenancy"), UserRules.roles(List.of("tenancy")));
    }

    @Test
    void theRolesFitTheirColumnJoinedByCommas() {
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            roles.add(String.format("%02d", i) + "r".repeat(47)); // 49 characters, 20 of them: 999 with commas
        }
        assertEquals(roles, UserRules.roles(roles));
        roles.set(0, roles.get(0) + "r"); // 1000
        assertEquals(20, UserRules.roles(roles).size());
        roles.set(1, roles.get(1) + "r"); // 1001
        ValidationFailedException e = refused("roles", () -> UserRules.roles(roles));
        assertEquals("roles take 1001 characters joined by commas; at most 1000 are allowed", e.getMessage());
    }

    private static ValidationFailedException refused(String field, Executable validation) {
        ValidationFailedException e = assertThrows(ValidationFailedException.class, validation);
        assertEquals(ProblemCode.VALIDATION_FAILED, e.code());
        assertEquals(Optional.of(field), e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
        return e;
    }
}
