package org.linli.platform.testapp;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Fails the ways a service fails: each domain problem, a database integrity rule, bad input, a genuine fault. */
@Path("/refusals")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class RefusalResource {

    private final EntityManager entityManager;

    RefusalResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record Booking(@NotBlank String diner, @Min(1) int portions) {
    }

    @GET
    @Path("/invalid-field")
    public void invalidField() {
        throw new InvalidRequestProblem("performedAt", "is in the future");
    }

    @GET
    @Path("/invalid")
    public void invalid() {
        throw new InvalidRequestProblem("The two dates disagree");
    }

    @GET
    @Path("/forbidden")
    public void forbidden() {
        throw new ForbiddenProblem("Only the grid head may close this need");
    }

    @GET
    @Path("/not-found")
    public void notFound() {
        throw new NotFoundProblem("No resident here");
    }

    @GET
    @Path("/conflict")
    public void conflict() {
        throw new ConflictProblem("This national ID is already registered");
    }

    /** A domain problem thrown inside a transaction that runs apart from the caller's. */
    @GET
    @Path("/not-found-in-own-transaction")
    public void notFoundInOwnTransaction() {
        QuarkusTransaction.requiringNew().run(() -> {
            throw new NotFoundProblem("No resident here");
        });
    }

    /** The database's unique rule is broken when the transaction commits (the insert is flushed then). */
    @POST
    @Path("/labels/{name}")
    @Transactional
    public void label(@PathParam("name") String name) {
        Label label = new Label();
        label.name = name;
        label.persist();
    }

    /** The database's unique rule is broken at once, by a statement inside the transaction. */
    @POST
    @Path("/labels/{name}/at-once")
    @Transactional
    public void labelAtOnce(@PathParam("name") String name) {
        entityManager.createNativeQuery("insert into label (name) values (?1)").setParameter(1, name).executeUpdate();
    }

    @GET
    @Path("/crash")
    public void crash() {
        throw new IllegalStateException("secret internal state of the ledger");
    }

    @POST
    @Path("/bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    public void book(@NotNull @Valid Booking booking) {
        // accepted: nothing to do
    }
}
