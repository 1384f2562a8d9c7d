package dev.rockstar.tenancy.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemExceptionTest {

    @Test
    void theProblemDocumentNamesTheFieldWhenThereIsOne() {
        JsonObject json = new ValidationFailedException("hosts[1]", "hosts[1]: The host is empty")
                .toProblem()
                .toJson();
        assertEquals("hosts[1]", json.getString("field"));
        assertEquals("VALIDATION_FAILED", json.getString("code"));
        assertEquals("hosts[1]: The host is empty", json.getString("detail"));
        assertEquals(400, json.getInt("status"));
    }

    @Test
    void aProblemAboutNoFieldHasNoFieldMember() {
        ValidationFailedException e = new ValidationFailedException("The body is not valid JSON");
        assertEquals(Optional.empty(), e.field());
        assertFalse(e.toProblem().toJson().containsKey("field"));
        assertFalse(new ConflictException("A race").toProblem().toJson().containsKey("field"));
    }

    @Test
    void withinABatchTheDetailSaysWhereAndCodeAndFieldStay() {
        ProblemException e = new ConflictException("id", "A tenant with id 'acme' already exists").within("line 7");
        assertEquals("line 7: A tenant with id 'acme' already exists", e.getMessage());
        assertEquals(ProblemCode.CONFLICT, e.code());
        assertEquals(Optional.of("id"), e.field());
        assertTrue(new ValidationFailedException("x").within("[3]").field().isEmpty());
    }
}
