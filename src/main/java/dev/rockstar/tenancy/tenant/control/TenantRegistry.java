package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.persistence.CrossTenantAccess;
import dev.rockstar.tenancy.persistence.IntegrityViolations;
import dev.rockstar.tenancy.persistence.KnownPlacements;
import dev.rockstar.tenancy.persistence.Placements;
import dev.rockstar.tenancy.problems.ConflictException;
import dev.rockstar.tenancy.problems.PlacementUnavailableException;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.entity.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Registers, changes and removes tenants and their hosts, for the admin API, the console and the
 * tenants declared in configuration alike.
 * Every change is one transaction that fires a {@link TenantEvent}; the in-memory
 * {@link TenantDirectory} follows once it commits, so the next request already sees it.
 */
@ApplicationScoped
public class TenantRegistry {

    @Inject
    TenantStore store;

    @Inject
    TenantDirectory directory;

    @Inject
    Event<TenantEvent> events;

    @Inject
    Placements placements;

    @Inject
    CrossTenantAccess crossTenant;

    /** This bean through its proxy, for a transaction of its own inside a method without one. */
    @Inject
    Instance<TenantRegistry> self;

    /**
     * What a new tenant is made of, before validation; {@code placement} {@code null} for
     * {@value Placements#SHARED}.
     */
    public record Registration(
            String id, String name, List<String> hosts, TenantStatus status, TenantConfig config, String placement) {

        /** A registration in {@value Placements#SHARED}. */
        public Registration(String id, String name, List<String> hosts, TenantStatus status, TenantConfig config) {
            this(id, name, hosts, status, config, null);
        }
    }

    /**
     * Which tenants to list: {@code text} found in the id, the name (ignoring case) or a host;
     * {@code null} members match every tenant.
     */
    public record Search(String text, TenantStatus status) {

        public static final Search ALL = new Search(null, null);

        /** @throws ValidationFailedException for text PostgreSQL cannot compare (U+0000) */
        public Search {
            text = text == null || text.isBlank() ? null : text.strip();
            if (text != null && text.indexOf('\0') >= 0) {
                throw new ValidationFailedException("q", "q must not contain the character U+0000");
            }
        }
    }

    /** A merge of name, status and configuration; {@code null} members stay as they are. */
    public record Change(String name, TenantStatus status, JsonObject configMergePatch) {}

    @Transactional
    public TenantInfo register(Registration registration) {
        Tenant tenant = validated(registration);
        tenant.setPlacement(placement(registration.placement(), "placement"));
        String id = tenant.getId();
        if (store.find(id).isPresent()) {
            throw new ConflictException("id", "A tenant with id '" + id + "' already exists");
        }
        for (String host : tenant.getHosts()) {
            requireFree(host, id, "hosts");
        }
        try {
            store.insert(tenant);
        } catch (PersistenceException e) {
            throw conflictOrRethrow(e, "The tenant '" + id + "' or one of its hosts was registered at the same time");
        }
        TenantInfo registered = TenantStore.info(tenant);
        events.fire(new TenantEvent(TenantEvent.Kind.REGISTERED, id, null, registered));
        return registered;
    }

    /**
     * Registers a batch of tenants in one transaction, all or none, by the same rules as
     * {@link #register}: a refusal names the registration that caused it, as {@code where} spells
     * its position ({@code "line 7"}, {@code "[6]"}). Fires {@code REGISTERED} for each tenant.
     *
     * @throws ValidationFailedException for an invalid registration
     * @throws ConflictException for an id or host taken by another registration of the batch or
     *         by a registered tenant
     */
    @Transactional
    public List<TenantInfo> registerAll(List<Registration> registrations, IntFunction<String> where) {
        List<Tenant> tenants = new ArrayList<>(registrations.size());
        Map<String, Integer> idAt = new HashMap<>();
        Map<String, Integer> hostAt = new HashMap<>();
        for (int i = 0; i < registrations.size(); i++) {
            Tenant tenant;
            try {
                tenant = validated(registrations.get(i));
                tenant.setPlacement(placement(registrations.get(i).placement(), "placement"));
            } catch (ProblemException e) {
                throw e.within(where.apply(i));
            }
            Integer first = idAt.putIfAbsent(tenant.getId(), i);
            if (first != null) {
                throw new ConflictException(
                        "id",
                        where.apply(i) + ": the id '" + tenant.getId() + "' is already in the batch at "
                                + where.apply(first));
            }
            for (String host : tenant.getHosts()) {
                first = hostAt.putIfAbsent(host, i);
                if (first != null) {
                    throw new ConflictException(
                            "hosts",
                            where.apply(i) + ": the host '" + host + "' is already in the batch at "
                                    + where.apply(first));
                }
            }
            tenants.add(tenant);
        }
        // Against the registered tenants in a few queries rather than two per tenant; the unique
        // keys still catch a tenant registered meanwhile, at the flush.
        store.existingIds(idAt.keySet()).stream().mapToInt(idAt::get).min().ifPresent(i -> {
            throw new ConflictException(
                    "id",
                    where.apply(i) + ": a tenant with id '" + tenants.get(i).getId() + "' already exists");
        });
        Map<String, String> owners = store.ownersOf(hostAt.keySet());
        owners.keySet().stream().min(Comparator.comparingInt(hostAt::get)).ifPresent(host -> {
            throw new ConflictException(
                    "hosts", where.apply(hostAt.get(host)) + ": the host '" + host + "' is owned by another tenant");
        });
        List<TenantInfo> registered = tenants.stream().map(TenantStore::info).toList();
        try {
            store.insertAll(tenants);
        } catch (PersistenceException e) {
            throw conflictOrRethrow(
                    e, "A tenant or host of the batch was registered at the same time; nothing was registered");
        }
        registered.forEach(
                tenant -> events.fire(new TenantEvent(TenantEvent.Kind.REGISTERED, tenant.id(), null, tenant)));
        return registered;
    }

    /**
     * The tenant as committed, read outside the caller's transaction: a transaction that goes on
     * to work on the rows of a tenant in a database placement must not have the main database's
     * connection in it as well.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<TenantInfo> find(String id) {
        if (!TenantRules.isPossibleId(id)) {
            return Optional.empty();
        }
        return store.load(id);
    }

    /**
     * {@link #find}, outside the caller's transaction.
     *
     * @throws ResourceNotFoundException when there is no such tenant
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public TenantInfo require(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** Ordered by id; the database pages, so 10,000 tenants cost what 50 do. */
    public List<TenantInfo> page(Search search, int offset, int limit) {
        return store.page(search, offset, limit);
    }

    public long count(Search search) {
        return store.count(search);
    }

    /** A tenant's settings over the defaults, as its requests see them; from memory, no query. */
    public Optional<TenantConfig> effectiveConfig(String id) {
        return directory.byId(id).map(directory::effective);
    }

    /**
     * {@link #effectiveConfig} of many tenants: those the directory holds from memory, the rest in
     * one query per 500 rather than one each; tenants that no longer exist are left out.
     */
    public Map<String, TenantConfig> effectiveConfigs(Collection<String> ids) {
        Map<String, TenantConfig> configs = new HashMap<>();
        List<String> unread = new ArrayList<>();
        for (String id : ids) {
            Optional<TenantInfo> cached = directory.cachedById(id);
            if (cached == null) {
                unread.add(id);
            } else {
                cached.ifPresent(tenant -> configs.put(id, directory.effective(tenant)));
            }
        }
        for (TenantInfo tenant : store.loadAll(unread)) {
            configs.put(tenant.id(), directory.effective(tenant));
        }
        return configs;
    }

    /** The id of the tenant that owns a host in any of its spellings, the pre-IDNA 2008 one included. */
    public Optional<String> ownerOf(String host) {
        return HostNames.inAnySpelling(HostNames.normalise(host), store::ownerOf);
    }

    @Transactional
    public TenantInfo change(String id, Change change) {
        Tenant tenant = existing(id);
        TenantInfo before = TenantStore.info(tenant);
        if (change.status() != null && change.status() != tenant.getStatus()) {
            requireNoMove(tenant, "status");
        }
        if (change.name() != null) {
            tenant.setName(TenantRules.name(change.name()));
        }
        if (change.status() != null) {
            tenant.setStatus(change.status());
        }
        if (change.configMergePatch() != null) {
            JsonObject merged = JsonP.createMergePatch(change.configMergePatch())
                    .apply(TenantJson.config(before.config()))
                    .asJsonObject();
            tenant.setConfig(TenantRules.storable(TenantConfigParser.parse(merged, "config")));
        }
        store.flush();
        return announced(id, before, tenant);
    }

    /**
     * Sets a tenant's whole entry (name, status, configuration and hosts) to the one given, as a
     * restore over the tenant does, and lets go of the {@link #holdForRestore hold} it had; its id,
     * creation time and placement stay. One event, as {@link #change} fires it.
     *
     * @throws ConflictException when another tenant owns one of the hosts
     */
    @Transactional
    public TenantInfo overwrite(String id, Registration entry, String hold) {
        Tenant tenant = existing(id);
        if (hold == null || !hold.equals(tenant.getMoveId())) {
            requireNoMove(tenant, null);
        }
        tenant.setMoveId(null);
        Tenant wanted = validated(new Registration(id, entry.name(), entry.hosts(), entry.status(), entry.config()));
        for (String host : wanted.getHosts()) {
            requireFree(host, id, "hosts");
        }
        TenantInfo before = TenantStore.info(tenant);
        tenant.setName(wanted.getName());
        tenant.setStatus(wanted.getStatus());
        tenant.setConfig(wanted.getConfig());
        tenant.getHosts().retainAll(wanted.getHosts());
        tenant.getHosts().addAll(wanted.getHosts());
        try {
            store.flush();
        } catch (PersistenceException e) {
            throw conflictOrRethrow(e, "hosts", "One of the hosts was registered by another tenant at the same time");
        }
        return announced(id, before, tenant);
    }

    /** Adds a host to a tenant; adding a host it already owns changes nothing. */
    @Transactional
    public TenantInfo addHost(String id, String rawHost) {
        String host = TenantRules.host(rawHost, "host");
        Tenant tenant = existing(id);
        if (tenant.getHosts().contains(host)) {
            return TenantStore.info(tenant);
        }
        requireFree(host, id, "host");
        TenantInfo before = TenantStore.info(tenant);
        tenant.getHosts().add(host);
        try {
            store.flush();
        } catch (PersistenceException e) {
            throw conflictOrRethrow(
                    e, "host", "The host '" + host + "' was registered by another tenant at the same time");
        }
        TenantInfo after = TenantStore.info(tenant);
        events.fire(new TenantEvent(TenantEvent.Kind.CHANGED, id, before, after));
        return after;
    }

    @Transactional
    public TenantInfo removeHost(String id, String rawHost) {
        String normalised = HostNames.normalise(rawHost);
        Tenant tenant = existing(id);
        String host = HostNames.inAnySpelling(
                        normalised, spelling -> Optional.of(spelling).filter(tenant.getHosts()::contains))
                .orElse(normalised);
        if (!tenant.getHosts().contains(host)) {
            throw new ResourceNotFoundException("Tenant '" + id + "' does not own the host '" + host + "'");
        }
        TenantInfo before = TenantStore.info(tenant);
        tenant.getHosts().remove(host);
        store.flush();
        TenantInfo after = TenantStore.info(tenant);
        events.fire(new TenantEvent(TenantEvent.Kind.CHANGED, id, before, after));
        return after;
    }

    /**
     * Deletes the tenant, its hosts and all of its data: in one transaction of the main database
     * the registry row and, through the observers of the event, the rows there; then the rows in
     * database placements, each in a transaction of its own database. Not inside a caller's
     * transaction: that would put the erasure before the deletion commits.
     */
    @Transactional(Transactional.TxType.NEVER)
    public void delete(String id) {
        self.get().deleteEntry(id);
        crossTenant.eraseFromDatabasePlacements(id);
    }

    /**
     * {@link #delete}'s transaction. The event comes first so that tenant-owned rows are gone
     * before the row their foreign keys point at.
     */
    @Transactional
    public void deleteEntry(String id) {
        // Locked first: writes of the tenant's rows under way finish before its rows are erased
        // (theirs with them), and later ones find the tenant gone (TenantRowLock).
        if (!TenantRules.isPossibleId(id)) {
            throw notFound(id);
        }
        Tenant tenant = store.findForDeletion(id).orElseThrow(() -> notFound(id));
        requireNoMove(tenant, null);
        events.fire(new TenantEvent(TenantEvent.Kind.DELETED, id, TenantStore.info(tenant), null));
        store.delete(tenant);
    }

    /**
     * Starts a move of the tenant: its row locked, no other move under way, the target a placement
     * it may go to; the tenant becomes {@code READ_ONLY} (a suspended one stays suspended, its
     * users kept out) and the move its owner until {@link #releaseMove}. In the caller's
     * transaction, with the event every node follows.
     *
     * @return the tenant as it was before
     * @throws ConflictException while another move is under way, or when it is there already
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public TenantInfo beginMove(String id, String moveId, String target) {
        if (!TenantRules.isPossibleId(id)) {
            throw notFound(id);
        }
        Tenant tenant = store.findForDeletion(id).orElseThrow(() -> notFound(id));
        String placement = placement(target, "placement");
        requireNoMove(tenant, "placement");
        if (!placements.isAvailable(tenant.getPlacement())) {
            // its rows cannot be read to be copied: declare it again (or let its migrations pass) first
            throw new PlacementUnavailableException("Tenant '" + id + "' is in the placement '" + tenant.getPlacement()
                    + "', which is not available on this node");
        }
        if (tenant.getPlacement().equals(placement)) {
            throw new ConflictException(
                    "placement", "Tenant '" + id + "' is in the placement '" + placement + "' already");
        }
        TenantInfo before = TenantStore.info(tenant);
        tenant.setMoveId(moveId);
        if (tenant.getStatus() != TenantStatus.SUSPENDED) {
            tenant.setStatus(TenantStatus.READ_ONLY);
        }
        store.flush();
        announced(id, before, tenant);
        return before;
    }

    /** The move's switch: the tenant's rows are in {@code target} from now on. */
    @Transactional
    public TenantInfo switchPlacement(String id, String moveId, String target) {
        Tenant tenant = moving(id, moveId);
        if (tenant.getPlacement().equals(target)) {
            return TenantStore.info(tenant); // switched before a restart of the move
        }
        TenantInfo before = TenantStore.info(tenant);
        tenant.setPlacement(target);
        store.flush();
        return announced(id, before, tenant);
    }

    /**
     * The thaw of a move: the tenant back in the status it had. With {@code release} the move also
     * lets go of it (a failed move); else it keeps it until {@link #releaseMove}, while it removes
     * the rows it left behind: until then no other move, status change or deletion may start.
     */
    @Transactional
    public Optional<TenantInfo> endMove(String id, String moveId, TenantStatus status, boolean release) {
        Optional<Tenant> found = TenantRules.isPossibleId(id) ? store.find(id) : Optional.empty();
        if (found.isEmpty() || !moveId.equals(found.get().getMoveId())) {
            return found.map(TenantStore::info); // ended before a restart of the move
        }
        Tenant tenant = found.get();
        if (tenant.getStatus() == status && !release) {
            return Optional.of(TenantStore.info(tenant)); // thawed before a restart of the move
        }
        TenantInfo before = TenantStore.info(tenant);
        if (release) {
            tenant.setMoveId(null);
        }
        tenant.setStatus(status);
        store.flush();
        return Optional.of(announced(id, before, tenant));
    }

    /**
     * A restore over the tenant is about to replace its rows: {@code READ_ONLY} (every node stops
     * its writes), and held like a move holds it, so that no move or status change starts
     * meanwhile. Ends with {@link #overwrite} or {@link #release}.
     *
     * @return the hold, to give back
     * @throws ConflictException while a move or another restore holds it
     */
    @Transactional
    public String holdForRestore(String id) {
        Tenant tenant = store.findForDeletion(id).orElseThrow(() -> notFound(id));
        requireNoMove(tenant, "replace");
        TenantInfo before = TenantStore.info(tenant);
        String hold =
                KnownPlacements.RESTORE_HOLD + UUID.randomUUID().toString().replace("-", ""); // fits move_id
        tenant.setMoveId(hold);
        tenant.setStatus(TenantStatus.READ_ONLY);
        store.flush();
        announced(id, before, tenant);
        return hold;
    }

    /** A restore that did not happen: the tenant back in {@code status} and let go. */
    @Transactional
    public void release(String id, String hold, TenantStatus status) {
        Optional<Tenant> found = TenantRules.isPossibleId(id) ? store.find(id) : Optional.empty();
        if (found.isEmpty() || !hold.equals(found.get().getMoveId())) {
            return;
        }
        Tenant tenant = found.get();
        TenantInfo before = TenantStore.info(tenant);
        tenant.setMoveId(null);
        tenant.setStatus(status);
        store.flush();
        announced(id, before, tenant);
    }

    /** The move is over: the tenant is its operators' again. */
    @Transactional
    public void releaseMove(String id, String moveId) {
        Optional<Tenant> found = TenantRules.isPossibleId(id) ? store.find(id) : Optional.empty();
        if (found.isPresent() && moveId.equals(found.get().getMoveId())) {
            found.get().setMoveId(null);
            store.flush();
        }
    }

    /** The id of the move under way for the tenant, if any; as committed, outside the caller's transaction ({@link #find}). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<String> moveOf(String id) {
        return TenantRules.isPossibleId(id) ? store.find(id).map(Tenant::getMoveId) : Optional.empty();
    }

    private Tenant moving(String id, String moveId) {
        Tenant tenant = existing(id);
        if (!moveId.equals(tenant.getMoveId())) {
            throw new ConflictException(null, "The move " + moveId + " of tenant '" + id + "' is not under way");
        }
        return tenant;
    }

    private static void requireNoMove(Tenant tenant, String field) {
        if (tenant.getMoveId() != null && tenant.getMoveId().startsWith(KnownPlacements.RESTORE_HOLD)) {
            throw new ConflictException(
                    field,
                    "A restore over tenant '" + tenant.getId() + "' is replacing its data; its status, placement and"
                            + " data change when it ends");
        }
        if (tenant.getMoveId() != null) {
            throw new ConflictException(
                    field,
                    "Tenant '" + tenant.getId() + "' is being moved between placements (move " + tenant.getMoveId()
                            + "); its status, placement and data change when the move ends");
        }
    }

    /**
     * A placement a tenant may be put in: declared, and up.
     *
     * @throws ValidationFailedException naming the placements there are, for one that is not declared
     * @throws PlacementUnavailableException for one whose migrations have not run
     */
    String placement(String name, String field) {
        if (name == null) {
            return Placements.SHARED;
        }
        if (!placements.exists(name)) {
            throw new ValidationFailedException(
                    field, "There is no placement '" + name + "'; this deployment has " + placements.names());
        }
        if (!placements.isAvailable(name)) {
            throw new PlacementUnavailableException("The placement '" + name + "' is not available right now");
        }
        return name;
    }

    /** The change of a tenant made in this transaction, told to every observer (and every node); the tenant as it is now. */
    private TenantInfo announced(String id, TenantInfo before, Tenant tenant) {
        TenantInfo after = TenantStore.info(tenant);
        events.fire(new TenantEvent(kindOf(before, after), id, before, after));
        return after;
    }

    private Tenant existing(String id) {
        if (!TenantRules.isPossibleId(id)) {
            throw notFound(id);
        }
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("No tenant with id '" + id + "'");
    }

    /** @param field the field that carried the host, for the refusal */
    private void requireFree(String host, String id, String field) {
        Optional<String> owner = store.ownerOf(host);
        if (owner.isPresent() && !owner.get().equals(id)) {
            throw new ConflictException(field, "The host '" + host + "' is owned by another tenant");
        }
    }

    /** A change of status is told by the status it went to; any other change is {@code CHANGED}. */
    private static TenantEvent.Kind kindOf(TenantInfo before, TenantInfo after) {
        if (before.status() == after.status()) {
            return TenantEvent.Kind.CHANGED;
        }
        return switch (after.status()) {
            case ACTIVE -> TenantEvent.Kind.REACTIVATED;
            case SUSPENDED -> TenantEvent.Kind.SUSPENDED;
            case READ_ONLY -> TenantEvent.Kind.MADE_READ_ONLY;
        };
    }

    /** A new tenant from a registration, by the rules every registration follows. */
    private static Tenant validated(Registration registration) {
        String id = TenantRules.id(registration.id());
        String name = registration.name() == null ? id : TenantRules.name(registration.name());
        Set<String> hosts = TenantRules.hosts(registration.hosts());
        Tenant tenant = new Tenant(
                id,
                name,
                registration.status() == null ? TenantStatus.ACTIVE : registration.status(),
                TenantRules.storable(registration.config() == null ? TenantConfig.EMPTY : registration.config()),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        tenant.getHosts().addAll(hosts);
        return tenant;
    }

    /** A unique-key violation at flush means another transaction won a race: report it as such. */
    private static RuntimeException conflictOrRethrow(PersistenceException e, String detail) {
        return conflictOrRethrow(e, null, detail);
    }

    private static RuntimeException conflictOrRethrow(PersistenceException e, String field, String detail) {
        return IntegrityViolations.isCause(e) ? new ConflictException(field, detail) : e;
    }
}
