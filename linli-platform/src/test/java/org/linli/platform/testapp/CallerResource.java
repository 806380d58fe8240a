package org.linli.platform.testapp;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.linli.platform.security.Caller;

/** Says who the bearer token names, as a service's scoped resource would read it. */
@Path("/caller")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    private final Caller caller;

    CallerResource(Caller caller) {
        this.caller = caller;
    }

    public record CallerView(String subject, String community, List<String> roles) {
    }

    @GET
    @RolesAllowed({ "community-worker", "volunteer" })
    public CallerView who() {
        return new CallerView(caller.subject(), caller.community().orElse(null),
                List.of("community-worker", "volunteer").stream().filter(caller::is).toList());
    }
}
