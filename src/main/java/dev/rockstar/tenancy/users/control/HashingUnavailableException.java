package dev.rockstar.tenancy.users.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;
import java.util.Map;

/**
 * Every password-hash permit of the node stayed taken while the caller waited
 * ({@link PasswordHashing#permit}): 503 {@code UNAVAILABLE} with {@code Retry-After}. Not a wrong
 * password: the password was not checked, so the login throttle does not count it.
 */
public class HashingUnavailableException extends ProblemException {

    static final String RETRY_AFTER_SECONDS = "1";

    HashingUnavailableException() {
        super(
                ProblemCode.UNAVAILABLE,
                "Too many password checks are under way on this server; nothing was checked." + " Retry after "
                        + RETRY_AFTER_SECONDS + " s",
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
