package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.placement.control.TenantMoves;
import dev.rockstar.tenancy.placement.entity.TenantMove;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.security.ConsoleSignIn;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's moves between placements on its page: starting one, as {@code PUT .../placement}
 * does, and the one under way and the latest ones, as {@code GET .../moves} shows them. A move
 * runs on after the POST; the page shows how far it got whenever it is loaded, so no polling.
 */
@Named
@ViewScoped
public class MoveTenant implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "move";
    static final Map<String, String> FIELDS = Map.of("placement", "target");
    static final int RECENT = 10;

    @Inject
    TenantMoves moves;

    @Inject
    TenantRegistry registry;

    @Inject
    HttpServletRequest request;

    private String id;
    private String target;
    // Entities, read once per view: the page refers to them several times.
    private transient List<TenantMove> recent;
    private transient Optional<TenantMove> current;

    @PostConstruct
    void load() {
        id = TenantPages.tenantId();
    }

    public String move() {
        try {
            // Nothing chosen goes to the registry as such, which names the placements there are.
            TenantMove move = moves.start(
                    id,
                    target == null ? "" : target.strip(),
                    Objects.requireNonNullElse(ConsoleSignIn.operator(request), "anonymous"));
            FormMessages.done("Moving tenant " + id + " from " + move.getSource() + " to " + move.getTarget()
                    + "; read-only until its rows are there");
            return "/admin/tenant.xhtml?faces-redirect=true&id=" + id;
        } catch (ProblemException e) {
            // A refusal without a field (the placement is down) belongs to the select all the same.
            FormMessages.refused(e, FORM, FIELDS, "target");
            // The page is drawn again in this view: with the moves as they are now (one started
            // elsewhere meanwhile is often why), not as they were when it was first drawn.
            recent = null;
            current = null;
            return null;
        }
    }

    /** The move under way, if any: the registry names it until the move is over, its clean-up included. */
    public TenantMove getCurrent() {
        if (current == null) {
            current = (id == null ? Optional.<String>empty() : registry.moveOf(id))
                    .flatMap(moveId -> moves.find(id, moveId));
        }
        return current.orElse(null);
    }

    /** The latest moves, newest first. */
    public List<TenantMove> getRecent() {
        if (recent == null) {
            recent = id == null ? List.of() : List.copyOf(moves.of(id, RECENT));
        }
        return recent;
    }

    /** How long the move kept the tenant read-only; {@code null} while it still does. */
    public Long readOnlyMillis(TenantMove move) {
        return move.getThawedAt() == null
                ? null
                : Duration.between(move.getFrozenAt(), move.getThawedAt()).toMillis();
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }
}
