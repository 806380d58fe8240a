package org.linli.platform.testapp;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.linli.platform.problem.NotFoundProblem;

/**
 * Answers timestamps the way services do: a record built from the in-memory value right after it was taken, the
 * same record built from what PostgreSQL stored, the entity itself, and any given value.
 */
@Path("/stamps")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class StampResource {

    private final Clock clock;

    StampResource(Clock clock) {
        this.clock = clock;
    }

    public record StampView(UUID id, OffsetDateTime at) {
        static StampView of(Stamp stamp) {
            return new StampView(stamp.id, stamp.at);
        }
    }

    /** Takes "now" from the community clock, stores it and answers the in-memory value (as a first answer does). */
    @POST
    @Transactional
    public StampView stampNow() {
        Stamp stamp = new Stamp();
        stamp.id = UUID.randomUUID();
        stamp.at = OffsetDateTime.now(clock);
        stamp.persist();
        return StampView.of(stamp);
    }

    /** Answers what PostgreSQL stored (as a retry that finds the stored row does). */
    @GET
    @Path("/{id}")
    @Transactional
    public StampView stored(@PathParam("id") UUID id) {
        return StampView.of(find(id));
    }

    /** The stored entity itself, serialised by Jackson as a service's entity would be. */
    @GET
    @Path("/{id}/entity")
    @Transactional
    public Stamp entity(@PathParam("id") UUID id) {
        return find(id);
    }

    /** Any value, e.g. one in the community's offset with nanoseconds, exactly as given. */
    @GET
    @Path("/given")
    public StampView given(@QueryParam("at") String at) {
        return new StampView(null, OffsetDateTime.parse(at));
    }

    private static Stamp find(UUID id) {
        Stamp stamp = Stamp.findById(id);
        if (stamp == null) {
            throw new NotFoundProblem("No stamp " + id);
        }
        return stamp;
    }
}
