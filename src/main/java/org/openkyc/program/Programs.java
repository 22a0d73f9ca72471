package org.openkyc.program;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.Rule;
import org.openkyc.api.SchemaErrors;
import org.openkyc.db.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/** Programs of a brand (SPEC §3). Every lookup is scoped to the calling brand. */
@Service
public class Programs {

    public static final String DEFAULT_NAME = "Default program";

    private final ProgramRepository repository;
    private final Clock clock;
    /**
     * Programs read recently for KYC, by id: every start and evaluation needs its program's
     * policy, and programs change rarely. An edit on this instance takes effect at once; one made
     * on another instance within {@code openkyc.program-cache} (default 5 s). Programs are never
     * deleted, so a cached one cannot outlive its row.
     */
    private final java.util.Map<UUID, Cached> recent = new java.util.concurrent.ConcurrentHashMap<>();
    private final long cacheNanos;

    private record Cached(Program program, long readAtNanos) {
    }

    Programs(ProgramRepository repository,
             @org.springframework.beans.factory.annotation.Value("${openkyc.program-cache:5s}") java.time.Duration cacheFor, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.cacheNanos = cacheFor.toNanos();
    }

    /** The program a new brand starts with, with the default policy. */
    @Transactional
    public Program createDefault(UUID brandId) {
        var now = DbTime.now(clock);
        Program program = new Program(Ids.newId(), brandId, DEFAULT_NAME, KycPolicy.defaults(), true, now, now);
        repository.insert(program);
        return program;
    }

    public Optional<Program> find(UUID brandId, UUID programId) {
        return repository.find(brandId, programId);
    }

    /** Like {@link #find}, possibly as read up to {@code openkyc.program-cache} ago (see {@link #recent}). */
    public Optional<Program> findRecent(UUID brandId, UUID programId) {
        Cached cached = programId == null ? null : recent.get(programId);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < cacheNanos) {
            return Optional.of(cached.program()).filter(p -> p.brandId().equals(brandId));
        }
        Optional<Program> found = repository.find(brandId, programId);
        if (cacheNanos > 0) {
            found.ifPresent(p -> recent.put(p.programId(), new Cached(p, now)));
        }
        return found;
    }

    /** The policy that applies before a customer names a program: the brand's default one. */
    public KycPolicy defaultPolicy(UUID brandId) {
        return repository.findDefault(brandId).map(Program::kycPolicy).orElse(KycPolicy.defaults());
    }

    List<Program> list(UUID brandId) {
        return repository.list(brandId);
    }

    Program get(UUID brandId, UUID programId) {
        return repository.find(brandId, programId).orElseThrow(() -> notFound(programId));
    }

    static ApiException notFound(Object programId) {
        return ApiException.notFound("program_dne", "Program " + programId + " does not exist.");
    }

    @Transactional
    Program create(UUID brandId, JsonNode body) {
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<String> name = reader.string("name", true, Rule.length(1, 100));
        KycPolicy policy = readPolicy(reader, KycPolicy.defaults());
        reader.finish();
        errors.throwIfAny("create_program_schema");
        var now = DbTime.now(clock);
        Program program = new Program(Ids.newId(), brandId, name.value(), policy, false, now, now);
        repository.insert(program);
        return program;
    }

    @Transactional
    Program edit(UUID brandId, UUID programId, JsonNode body) {
        Program current = get(brandId, programId);
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, true);
        Input<String> name = reader.string("name", true, Rule.length(1, 100));
        KycPolicy policy = readPolicy(reader, current.kycPolicy());
        reader.finish();
        errors.throwIfAny("edit_program_schema");
        Program updated = new Program(current.programId(), brandId, name.orElse(current.name()), policy, current.isDefault(),
                current.dateCreated(), DbTime.now(clock));
        repository.update(updated);
        recent.remove(programId);
        org.openkyc.db.AfterCommit.run(() -> recent.remove(programId));
        return updated;
    }

    private static KycPolicy readPolicy(JsonBody reader, KycPolicy base) {
        Input<JsonBody> policy = reader.object("kyc_policy", false, true);
        return policy.present() ? base.merge(policy.value()) : base;
    }
}
